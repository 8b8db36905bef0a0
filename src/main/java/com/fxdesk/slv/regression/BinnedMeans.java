package com.fxdesk.slv.regression;

/**
 * Local means of y against x over about N^{1/3} bins of equal count (merged from 512 equal-width cells of [lo, hi]
 * in one O(N) pass, no sort), linear in x between the bins' mean x and flat beyond: a crude but robust estimate of
 * E[y | x] whose value at a point is an average of thousands of samples at 100,000 particles. Two uses: the
 * shrinkage target of PURBF's weights ({@link RbfEstimator}), and the calibration's guard against a regression that
 * dips far below the data (see {@code SlvCalibrator}).
 */
public final class BinnedMeans {
    /** Bins: about N^{1/3}, at least this many. */
    public static final int MIN_BINS = 4;
    /** Equal-width cells the equal-count bins are merged from. */
    private static final int CELLS = 512;

    private BinnedMeans() {
    }

    /**
     * out[j] = the binned mean at points[j], from the samples i = 0, stride, 2·stride, … below n (the particles are
     * exchangeable, so a stride is a random subsample). Samples outside [lo, hi] fall in the end cells.
     */
    public static void at(double[] x, double[] y, int n, int stride, double lo, double hi, double[] points,
                          double[] out) {
        int cells = CELLS;
        double[] cw = new double[cells];
        double[] cx = new double[cells];
        double[] cy = new double[cells];
        double scale = hi > lo ? cells / (hi - lo) : 0.0;
        int count = 0;
        for (int i = 0; i < n; i += stride) {
            int c = (int) ((x[i] - lo) * scale);
            c = c < 0 ? 0 : Math.min(cells - 1, c);
            cw[c]++;
            cx[c] += x[i];
            cy[c] += y[i];
            count++;
        }
        int bins = Math.max(MIN_BINS, (int) Math.round(Math.cbrt(count)));
        double perBin = (double) count / bins;
        double[] bx = new double[bins + 1];
        double[] by = new double[bins + 1];
        double[] bw = new double[bins + 1];
        int b = 0;
        double w = 0;
        double sx = 0;
        double sy = 0;
        for (int c = 0; c < cells; c++) {
            w += cw[c];
            sx += cx[c];
            sy += cy[c];
            if (w >= perBin && b < bins) {
                bx[b] = sx / w;
                by[b] = sy / w;
                bw[b] = w;
                b++;
                w = 0;
                sx = 0;
                sy = 0;
            }
        }
        if (w > 0) {
            if (b > 0 && w < 0.5 * perBin) { // a thin remainder joins the last bin
                double wl = bw[b - 1];
                bx[b - 1] = (bx[b - 1] * wl + sx) / (wl + w);
                by[b - 1] = (by[b - 1] * wl + sy) / (wl + w);
            } else {
                bx[b] = sx / w;
                by[b] = sy / w;
                b++;
            }
        }
        int k = 0;
        double previous = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < points.length; j++) {
            double c = points[j];
            if (b == 1 || c <= bx[0]) {
                out[j] = by[0];
            } else if (c >= bx[b - 1]) {
                out[j] = by[b - 1];
            } else {
                // increasing points (the calibration's grid) continue the search where the last one stopped: the
                // same bin as a search from 0, in O(points + bins) instead of O(points × bins)
                k = c >= previous ? k : 0;
                previous = c;
                while (bx[k + 1] < c) {
                    k++;
                }
                double u = (c - bx[k]) / (bx[k + 1] - bx[k]);
                out[j] = by[k] + u * (by[k + 1] - by[k]);
            }
        }
    }
}
