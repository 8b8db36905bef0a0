package com.fxdesk.slv.volatility;

/**
 * Raw SVI total variance slice (Gatheral 2004) in log-forward-moneyness y = ln(K/F):
 * <pre>  w(y) = a + b (ρ (y − m) + √((y − m)² + σ²))  </pre>
 * with b ≥ 0, |ρ| &lt; 1, σ &gt; 0. The wings are linear in y with slopes b(1 ± ρ); Lee's moment bound requires
 * b(1 + |ρ|) ≤ 2, and absence of butterfly arbitrage is Gatheral–Jacquier's g(y) ≥ 0 (see {@link #g(double)}).
 */
public record SviSmile(double a, double b, double rho, double m, double sigma) {

    public SviSmile {
        if (!(b >= 0) || !(Math.abs(rho) < 1) || !(sigma > 0) || !Double.isFinite(a) || !Double.isFinite(m)) {
            throw new IllegalArgumentException("invalid SVI parameters a=" + a + " b=" + b + " rho=" + rho + " m=" + m
                    + " sigma=" + sigma);
        }
    }

    /** Flat smile: total variance w everywhere (b = 0). */
    public static SviSmile flat(double w) {
        return new SviSmile(w, 0.0, 0.0, 0.0, 1.0);
    }

    public double w(double y) {
        double x = y - m;
        return a + b * (rho * x + Math.sqrt(x * x + sigma * sigma));
    }

    public double dw(double y) {
        double x = y - m;
        return b * (rho + x / Math.sqrt(x * x + sigma * sigma));
    }

    public double d2w(double y) {
        double x = y - m;
        double r2 = x * x + sigma * sigma;
        return b * sigma * sigma / (r2 * Math.sqrt(r2));
    }

    /** w, ∂_y w, ∂_yy w at y into out[off..off+2]. */
    public void jet(double y, double[] out, int off) {
        double x = y - m;
        double r2 = x * x + sigma * sigma;
        double r = Math.sqrt(r2);
        out[off] = a + b * (rho * x + r);
        out[off + 1] = b * (rho + x / r);
        out[off + 2] = b * sigma * sigma / (r2 * r);
    }

    /** Minimum of w over y: a + b σ √(1 − ρ²). Negative means negative variance somewhere. */
    public double minimumVariance() {
        return a + b * sigma * Math.sqrt(1 - rho * rho);
    }

    /** Largest asymptotic wing slope b(1 + |ρ|) of w in y (must be ≤ 2). */
    public double maxWingSlope() {
        return b * (1 + Math.abs(rho));
    }

    /**
     * Gatheral–Jacquier density function g(y) = (1 − y w'/(2w))² − w'²/4 (1/w + 1/4) + w''/2; the risk-neutral density
     * is non-negative iff g ≥ 0 (and w &gt; 0). Returns −∞ where w ≤ 0.
     */
    public double g(double y) {
        double x = y - m;
        double r2 = x * x + sigma * sigma;
        double r = Math.sqrt(r2);
        double w = a + b * (rho * x + r);
        if (!(w > 0)) {
            return Double.NEGATIVE_INFINITY;
        }
        double w1 = b * (rho + x / r);
        double w2 = b * sigma * sigma / (r2 * r);
        return densityFunction(y, w, w1, w2);
    }

    /** g from w and its y-derivatives; also the denominator of Gatheral's Dupire formula. */
    public static double densityFunction(double y, double w, double w1, double w2) {
        double t = 1 - 0.5 * y * w1 / w;
        return t * t - 0.25 * w1 * w1 * (1 / w + 0.25) + 0.5 * w2;
    }
}
