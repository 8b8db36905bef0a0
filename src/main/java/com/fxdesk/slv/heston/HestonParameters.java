package com.fxdesk.slv.heston;

/** Heston parameters: dV = κ(θ − V)dt + ξ√V dW_V, d&lt;W_S, W_V&gt; = ρ dt, V(0) = v0. */
public record HestonParameters(double v0, double kappa, double theta, double xi, double rho) {

    public HestonParameters {
        // name the offending parameter (a compact constructor's `this` still has default fields)
        requireThat(v0 > 0 && Double.isFinite(v0), "v0", v0, "> 0");
        requireThat(kappa > 0 && Double.isFinite(kappa), "kappa", kappa, "> 0");
        requireThat(theta > 0 && Double.isFinite(theta), "theta", theta, "> 0");
        requireThat(xi >= 0 && Double.isFinite(xi), "xi", xi, ">= 0");
        requireThat(rho > -1 && rho < 1, "rho", rho, "in (-1, 1)");
    }

    private static void requireThat(boolean ok, String name, double value, String rule) {
        if (!ok) {
            throw new IllegalArgumentException("Heston parameter " + name + " = " + value + " must be finite and " + rule);
        }
    }

    /** Feller ratio 2κθ/ξ² (≥ 1: the variance stays away from zero). */
    public double fellerRatio() {
        return 2 * kappa * theta / (xi * xi);
    }

    /** The SLV variance dynamics: vol-of-vol scaled by the mixing factor η. */
    public HestonParameters withMixing(double eta) {
        return new HestonParameters(v0, kappa, theta, eta * xi, rho);
    }
}
