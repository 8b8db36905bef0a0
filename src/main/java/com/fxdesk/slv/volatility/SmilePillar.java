package com.fxdesk.slv.volatility;

/**
 * The (strike, vol) points of one expiry that the surface was fitted to, and the fit residual of each point.
 *
 * @param labels "10P", "25P", "ATM", "25C", "10C" for FX quotes (in strike order), "K" for grid points
 * @param deltas the quoted delta of each point under the pillar's convention (puts negative; for ATM the call delta
 *               at the ATM strike); NaN for grid points
 * @param fitResidualBps surface vol minus point vol, in vol basis points
 * @param strangleResidualBps market-strangle quotes only (25Δ, then 10Δ): surface strangle price minus the quoted
 *                            strangle price, divided by the strangle's vega, in vol basis points; empty otherwise
 */
public record SmilePillar(String tenor, double expiry, double forward, double[] strikes, double[] vols, String[] labels,
                          double[] deltas, double[] fitResidualBps, double[] strangleResidualBps) {

    public double maxAbsResidualBps() {
        double m = 0;
        for (double r : fitResidualBps) {
            m = Math.max(m, Math.abs(r));
        }
        for (double r : strangleResidualBps) {
            m = Math.max(m, Math.abs(r));
        }
        return m;
    }
}
