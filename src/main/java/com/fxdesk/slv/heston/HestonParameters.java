package com.fxdesk.slv.heston;

/** Heston parameters: dV = κ(θ − V)dt + ξ√V dW_V, d&lt;W_S, W_V&gt; = ρ dt, V(0) = v0. */
public record HestonParameters(double v0, double kappa, double theta, double xi, double rho) {

    public HestonParameters {
        if (!(v0 > 0) || !(kappa > 0) || !(theta > 0) || !(xi >= 0) || !(rho > -1 && rho < 1)
                || !Double.isFinite(v0 + kappa + theta + xi + rho)) {
            throw new IllegalArgumentException("Heston parameters need v0, kappa, theta > 0, xi >= 0, -1 < rho < 1: " + this);
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
