package com.fxdesk.slv.calibration;

import com.fxdesk.slv.heston.HestonParameters;
import com.fxdesk.slv.heston.HestonPricer;
import com.fxdesk.slv.market.FxMarket;
import com.fxdesk.slv.volatility.LocalVolSurface;

/**
 * Test-only Dupire local vol of a Heston model, from its semi-closed-form prices: with c(k, T) the undiscounted
 * forward-normalised call, σ_LV²(S, t) = 2 ∂_T c / (k² ∂_kk c) at k = S / F(t) (∂_kk c from digitals). Tabulated
 * on a (T, ln k) grid and interpolated bilinearly (flat beyond). The SLV with η = 1 on this surface has L ≡ 1.
 */
final class HestonLocalVol implements LocalVolSurface {
    private final FxMarket market;
    private final double[] times;
    private final double[] yLo;
    private final double[] yHi;
    private final double[][] vols;
    private final int ny;

    HestonLocalVol(FxMarket market, HestonParameters p, double maxT, int nt, int ny) {
        this.market = market;
        this.ny = ny;
        HestonPricer pricer = new HestonPricer(1e-12);
        times = new double[nt];
        yLo = new double[nt];
        yHi = new double[nt];
        vols = new double[nt][ny];
        double tMin = 2 / 365.0;
        for (int i = 0; i < nt; i++) {
            // denser at the short end, where the smile moves fastest
            double u = (double) i / (nt - 1);
            double t = tMin * Math.pow(maxT / tMin, u);
            times[i] = t;
            double sd = Math.sqrt(HestonPricer.integratedVariance(p, t));
            yLo[i] = -5 * sd;
            yHi[i] = 4 * sd;
            double[] k = new double[ny];
            double[] kDown = new double[ny];
            double[] kUp = new double[ny];
            boolean[] calls = new boolean[ny];
            boolean[] digitalCalls = new boolean[ny];
            for (int j = 0; j < ny; j++) {
                double y = yLo[i] + (yHi[i] - yLo[i]) * j / (ny - 1);
                k[j] = Math.exp(y);
                double dk = 0.02 * sd * k[j];
                kDown[j] = k[j] - dk;
                kUp[j] = k[j] + dk;
                calls[j] = k[j] >= 1;
                digitalCalls[j] = true;
            }
            double h = Math.min(0.25 * t, 2 / 365.0);
            double[] cUp = pricer.priceStrip(p, t + h, 1, 1, k, calls);
            double[] cDown = pricer.priceStrip(p, t - h, 1, 1, k, calls);
            double[] dDown = pricer.digitalStrip(p, t, 1, 1, kDown, digitalCalls);
            double[] dUp = pricer.digitalStrip(p, t, 1, 1, kUp, digitalCalls);
            for (int j = 0; j < ny; j++) {
                double cT = (cUp[j] - cDown[j]) / (2 * h);
                double ckk = (dDown[j] - dUp[j]) / (kUp[j] - kDown[j]);
                double var = 2 * cT / (k[j] * k[j] * ckk);
                vols[i][j] = Math.sqrt(Math.min(Math.max(var, 1e-6), 4.0));
            }
        }
    }

    @Override
    public double localVol(double t, double spot) {
        int nt = times.length;
        if (t <= times[0]) {
            return inSlice(0, t, spot);
        }
        if (t >= times[nt - 1]) {
            return inSlice(nt - 1, t, spot);
        }
        int i = 0;
        while (times[i + 1] < t) {
            i++;
        }
        double w = (t - times[i]) / (times[i + 1] - times[i]);
        return (1 - w) * inSlice(i, t, spot) + w * inSlice(i + 1, t, spot);
    }

    private double inSlice(int i, double t, double spot) {
        double y = Math.log(spot / market.forward(t));
        double u = (y - yLo[i]) / (yHi[i] - yLo[i]) * (ny - 1);
        if (u <= 0) {
            return vols[i][0];
        }
        if (u >= ny - 1) {
            return vols[i][ny - 1];
        }
        int j = (int) u;
        double w = u - j;
        return vols[i][j] + w * (vols[i][j + 1] - vols[i][j]);
    }
}
