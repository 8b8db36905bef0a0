package com.fxdesk.slv.regression;

/**
 * Binning (van der Stoep et al. 2014; QuantLib's choice), the baseline: sort by x, B equal-count bins, the mean y of
 * each bin placed at the bin's mean x, linear between those centres and flat beyond the first and last.
 * B = config.bins(), or round(2 N^{1/3}) when 0 (≈ 25 bins of 80 samples at N = 2,048), never more than N.
 */
final class BinningEstimator implements ConditionalExpectationEstimator {
    private final EstimatorConfig config;

    BinningEstimator(EstimatorConfig config) {
        this.config = config;
    }

    static int autoBins(int n) {
        return (int) Math.max(1, Math.round(2.0 * Math.cbrt(n)));
    }

    @Override
    public RegressionFit fit(double[] x, double[] y, int n) {
        long t0 = System.nanoTime();
        SampleStats st = SampleStats.of(x, y, n);
        int bins = Math.min(n, config.bins() > 0 ? config.bins() : autoBins(n));
        int[] order = st.sortedOrder(x);
        double[] cx = new double[bins];
        double[] cy = new double[bins];
        int[] count = new int[bins];
        int used = 0;
        for (int b = 0; b < bins; b++) {
            int from = (int) ((long) b * n / bins);
            int to = (int) ((long) (b + 1) * n / bins);
            double sx = 0.0;
            double sy = 0.0;
            for (int i = from; i < to; i++) {
                int j = order[i];
                sx += x[j];
                sy += y[j];
            }
            double mx = sx / (to - from);
            if (used > 0 && mx <= cx[used - 1]) {
                // ties across bins (many equal x): merge into the previous centre to keep knots increasing
                int c = count[used - 1];
                cy[used - 1] = (cy[used - 1] * c + sy) / (c + to - from);
                count[used - 1] = c + to - from;
                continue;
            }
            cx[used] = mx;
            cy[used] = sy / (to - from);
            count[used] = to - from;
            used++;
        }
        double[] knots = java.util.Arrays.copyOf(cx, used);
        double[] values = java.util.Arrays.copyOf(cy, used);
        RegressionDiagnostics d = new RegressionDiagnostics(EstimatorType.BINNING.name(), Double.NaN, used,
                Double.NaN, Double.NaN, Double.NaN, Double.NaN, -1, 0, (System.nanoTime() - t0) / 1000L);
        return new PiecewiseLinearFit(knots, values, null, config.floor(), d);
    }
}
