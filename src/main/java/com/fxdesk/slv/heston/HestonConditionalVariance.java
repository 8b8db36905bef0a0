package com.fxdesk.slv.heston;

/**
 * m_H(x) = E[V_t | ln S_t = x] under pure Heston (dV = κ(θ − V)dt + ξ√V dW_V, ln S_t = ln F(t) + Y_t with
 * dY = −½V dt + √V dW_S, ρ), on a grid uniform in x: the known conditional mean of the particle calibration's
 * Heston companion (its control variate, {@code SlvCalibrator}).
 *
 * <p>Method: the joint transform E[e^{iuY_t + wV_t}] = exp(A(u, w, t) + B(u, w, t) v0) is affine, with
 * B' = −½(u² + iu) + (iuρξ − κ)B + ½ξ²B², B(0) = w, A' = κθB, A(0) = 0. With r± the roots of the right side
 * (Re d ≤ 0, d = c(r+ − r−), c = ½ξ²), z(t) = z0 e^{dt}, z0 = (w − r+)/(w − r−), the solution is
 * B = (r+ − z r−)/(1 − z) and A = κθ(r+ t − ln((1 − z)/(1 − z0))/c) (Albrecher et al.'s little trap: z decays, so
 * the principal logarithm stays on one branch). Then E[V_t e^{iuY}] = φ(u)(∂_wA + ∂_wB v0) at w = 0, with
 * ∂_wB = (r+ − r−)² e^{dt}/(r−² (1 − z)²) and ∂_wA = (κθ/c) ∂_w z0 (e^{dt}/(1 − z) − 1/(1 − z0)),
 * ∂_w z0 = (r+ − r−)/r−². Inverting both transforms by the trapezoid rule in u (the density p and ∫ v p(x, v) dv share
 * the nodes; their ratio is m_H): period 2π/Δu from four times the grid's largest distance from the forward, doubled
 * until two periods agree ({@link #PERIOD_TOLERANCE}; heavy tails need more), truncation where |φ| is below 1e-12; NaN
 * everywhere when no period up to {@link #MAX_PERIOD_FACTOR} × converges. A doubled period's nodes are the previous
 * ones plus the odd multiples of the halved spacing, so the sums carry over and only those are added. e^{−iu_k y} at
 * each grid point as the k-th power of e^{−iΔu y}, one complex product per node and point (independent across the
 * grid); NaN at grid points whose density is below {@link #RESOLVED} of the grid's largest. Cost O(nodes × grid) for the
 * longest period tried: tens of nodes for light tails, hundreds to thousands at low Feller ratios. Against the former
 * form (every period summed afresh, a rotation chained along the grid) the values agree to 4e-10 relative within ±3 sd
 * and 5e-5 at ±8 sd, where the density is a few 1e-9 of its peak and the sums' rounding dominates (branch wip/speed2k).
 * Immutable and stateless.
 */
public final class HestonConditionalVariance {
    /** |φ(u)| (and its V-weighted twin relative to E[V]) below which the integrand is dropped. */
    static final double TRUNCATION = 1e-12;
    /** Nodes at most (a 1-day cloud of a 5%-vol pair needs about a hundred). */
    static final int MAX_NODES = 4096;
    /**
     * The period is doubled from 4 × the grid's reach until two evaluations agree to this (relative, every grid point):
     * a fixed 4 × was enough for light tails only — at a low Feller ratio (κθ ≪ ξ²) the fat tail's aliased images
     * land on the grid's thin wing, and with ξ = 1.5, 2κθ/ξ² ≈ 0.003, on the whole grid (20–100 % off; the review of
     * this class). The noise this control removes is a few % of m, so 1e-3 is far below it.
     */
    static final double PERIOD_TOLERANCE = 1e-3;
    /** Relative density (to the grid's largest) below which a grid point gets no value (NaN). */
    static final double RESOLVED = 1e-9;
    /** Longest period tried, in units of the grid's reach (beyond: NaN, the caller corrects nothing). */
    static final double MAX_PERIOD_FACTOR = 64;
    /** Grid points between exact evaluations of e^{−i du y} (a rotation in between: rounding stays near 1e-15). */
    static final int ANCHOR = 8;

    private HestonConditionalVariance() {
    }

    /**
     * @param p      Heston parameters (ξ may be 0: then V is deterministic and m_H is E[V_t] everywhere)
     * @param t      time (> 0)
     * @param lnFwd  ln F(t), the forward of S at t
     * @param x0     the grid's first ln S
     * @param dx     the grid's spacing in ln S
     * @param out    receives m_H at x0 + q dx, q &lt; out.length
     */
    public static void onGrid(HestonParameters p, double t, double lnFwd, double x0, double dx, double[] out) {
        int m = out.length;
        double ev = p.theta() + (p.v0() - p.theta()) * Math.exp(-p.kappa() * t);
        if (p.xi() < 1e-10 || !(t > 0)) {
            java.util.Arrays.fill(out, ev);
            return;
        }
        double reach = Math.max(Math.abs(x0 - lnFwd), Math.abs(x0 + (m - 1) * dx - lnFwd));
        reach = Math.max(reach, 4 * Math.sqrt(HestonPricer.integratedVariance(p, t)));
        // The period doubles from 4 × the reach; the nodes of period 2P at spacing du/2 are those of period P (even k)
        // plus the odd k, so each doubling adds only the odd nodes to the running sums: the converged evaluation
        // costs its own nodes, not also those of every shorter period before it (a third less at two evaluations)
        double du = 2 * Math.PI / (4 * reach);
        double[] num = new double[m];
        double[] den = new double[m];
        if (!accumulate(p, t, lnFwd, x0, dx, du, 0, 1, ev, num, den)) {
            java.util.Arrays.fill(out, Double.NaN); // φ not small by MAX_NODES: the series is not converged
            return;
        }
        double[] prev = new double[m];
        ratio(num, den, prev);
        double[] cur = new double[m];
        for (double period = 8 * reach; period <= MAX_PERIOD_FACTOR * reach; period *= 2) {
            du *= 0.5;
            if (!accumulate(p, t, lnFwd, x0, dx, du, 1, 2, ev, num, den)) {
                break; // φ not small by MAX_NODES: the series is not converged at this period or any longer one
            }
            ratio(num, den, cur);
            if (agree(prev, cur)) {
                System.arraycopy(cur, 0, out, 0, m);
                return;
            }
            double[] swap = prev;
            prev = cur;
            cur = swap;
        }
        java.util.Arrays.fill(out, Double.NaN); // not converged: the caller falls back (no control)
    }

    /**
     * Whether two evaluations agree to {@link #PERIOD_TOLERANCE} relative at every grid point where both resolve the
     * density (NaN: below {@link #RESOLVED}), and resolve it at the same points.
     */
    private static boolean agree(double[] a, double[] b) {
        for (int q = 0; q < a.length; q++) {
            if (Double.isNaN(a[q]) != Double.isNaN(b[q])
                    || !Double.isNaN(a[q]) && !(Math.abs(a[q] - b[q]) <= PERIOD_TOLERANCE * Math.abs(b[q]))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Adds the trapezoid terms of the nodes k = first, first + step, … (below {@link #MAX_NODES}) at spacing du to
     * the sums of the density (den) and of V times it (num) on the grid; false when |φ| is still above the truncation
     * at the last node (or the terms overflow before it).
     */
    private static boolean accumulate(HestonParameters p, double t, double lnFwd, double x0, double dx, double du,
                                      int first, int step, double ev, double[] num, double[] den) {
        int m = num.length;
        double kappa = p.kappa();
        double theta = p.theta();
        double xi = p.xi();
        double rho = p.rho();
        double v0 = p.v0();
        boolean truncated = false;
        double c = 0.5 * xi * xi;
        // W_q = e^{−i du y_q}, y_q = x0 + q dx − ln F: by cos and sin at every ANCHOR-th grid point, rotated by
        // e^{−i du dx} in between; p_q = W_q^first (the first node's factor), s_q = W_q^step (one node on)
        double[] pR = new double[m];
        double[] pI = new double[m];
        double[] stepR = new double[m];
        double[] stepI = new double[m];
        double rotR = Math.cos(du * dx);
        double rotI = -Math.sin(du * dx);
        double y0 = x0 - lnFwd;
        for (int q = 0; q < m; q++) {
            if (q % ANCHOR == 0) {
                double y = y0 + q * dx;
                stepR[q] = Math.cos(du * y);
                stepI[q] = -Math.sin(du * y);
            } else {
                stepR[q] = stepR[q - 1] * rotR - stepI[q - 1] * rotI;
                stepI[q] = stepR[q - 1] * rotI + stepI[q - 1] * rotR;
            }
        }
        for (int q = 0; q < m; q++) {
            double wR = stepR[q];
            double wI = stepI[q];
            pR[q] = first == 0 ? 1.0 : wR;
            pI[q] = first == 0 ? 0.0 : wI;
            if (step == 2) {
                stepR[q] = wR * wR - wI * wI;
                stepI[q] = 2 * wR * wI;
            }
        }
        for (int k = first; k < MAX_NODES; k += step) {
            double u = k * du;
            // a = −½(u² + iu), b = iuρξ − κ
            double ar = -0.5 * u * u;
            double ai = -0.5 * u;
            double br = -kappa;
            double bi = u * rho * xi;
            // d = sqrt(b² − 4ac), Re d ≤ 0
            double qr = br * br - bi * bi - 4 * c * ar;
            double qi = 2 * br * bi - 4 * c * ai;
            double mod = Math.hypot(qr, qi);
            double dr = Math.sqrt(0.5 * (mod + qr));
            double di = Math.copySign(Math.sqrt(0.5 * (mod - qr)), qi);
            if (dr > 0) {
                dr = -dr;
                di = -di;
            }
            // r− = (−b − d)/(2c) (Re(−b − d) ≥ κ: no cancellation); r+ = (a/c)/r− = 2a/(−b − d) by Vieta, because
            // (−b + d)/(2c) cancels as ξ → 0 (|d| → |b|; NaN in the wings at ξ = 1e-9)
            double sR = -br - dr;
            double sI = -bi - di;
            double rmR = sR / (2 * c);
            double rmI = sI / (2 * c);
            double s2 = sR * sR + sI * sI;
            double rpR = 2 * (ar * sR + ai * sI) / s2;
            double rpI = 2 * (ai * sR - ar * sI) / s2;
            // z0 = r+/r−
            double rm2 = rmR * rmR + rmI * rmI;
            double z0R = (rpR * rmR + rpI * rmI) / rm2;
            double z0I = (rpI * rmR - rpR * rmI) / rm2;
            // e^{dt}
            double edMod = Math.exp(dr * t);
            double edR = edMod * Math.cos(di * t);
            double edI = edMod * Math.sin(di * t);
            double zR = z0R * edR - z0I * edI;
            double zI = z0R * edI + z0I * edR;
            // B = (r+ − z r−)/(1 − z)
            double omzR = 1 - zR;
            double omzI = -zI;
            double omz0R = 1 - z0R;
            double omz0I = -z0I;
            double nR = rpR - (zR * rmR - zI * rmI);
            double nI = rpI - (zR * rmI + zI * rmR);
            double omz2 = omzR * omzR + omzI * omzI;
            double bR = (nR * omzR + nI * omzI) / omz2;
            double bI = (nI * omzR - nR * omzI) / omz2;
            // A = κθ (r+ t − ln((1 − z)/(1 − z0))/c)
            double omz02 = omz0R * omz0R + omz0I * omz0I;
            double qR = (omzR * omz0R + omzI * omz0I) / omz02;
            double qI = (omzI * omz0R - omzR * omz0I) / omz02;
            double lnR = 0.5 * Math.log(qR * qR + qI * qI);
            double lnI = Math.atan2(qI, qR);
            double aR = kappa * theta * (rpR * t - lnR / c);
            double aI = kappa * theta * (rpI * t - lnI / c);
            // φ = exp(A + B v0)
            double phiMod = Math.exp(aR + bR * v0);
            double phiR = phiMod * Math.cos(aI + bI * v0);
            double phiI = phiMod * Math.sin(aI + bI * v0);
            // ∂_w z0 = (r+ − r−)/r−²
            double dfR = rpR - rmR;
            double dfI = rpI - rmI;
            double rmSqR = rmR * rmR - rmI * rmI;
            double rmSqI = 2 * rmR * rmI;
            double rmSq2 = rmSqR * rmSqR + rmSqI * rmSqI;
            double dz0R = (dfR * rmSqR + dfI * rmSqI) / rmSq2;
            double dz0I = (dfI * rmSqR - dfR * rmSqI) / rmSq2;
            // ∂_wB = ∂_w z0 (r+ − r−) e^{dt}/(1 − z)²
            double tR = dz0R * dfR - dz0I * dfI;
            double tI = dz0R * dfI + dz0I * dfR;
            double t2R = tR * edR - tI * edI;
            double t2I = tR * edI + tI * edR;
            double omzSqR = omzR * omzR - omzI * omzI;
            double omzSqI = 2 * omzR * omzI;
            double omzSq2 = omzSqR * omzSqR + omzSqI * omzSqI;
            double bwR = (t2R * omzSqR + t2I * omzSqI) / omzSq2;
            double bwI = (t2I * omzSqR - t2R * omzSqI) / omzSq2;
            // ∂_wA = (κθ/c) ∂_w z0 (e^{dt}/(1 − z) − 1/(1 − z0))
            double e1R = (edR * omzR + edI * omzI) / omz2;
            double e1I = (edI * omzR - edR * omzI) / omz2;
            double e0R = omz0R / omz02;
            double e0I = -omz0I / omz02;
            double fR = e1R - e0R;
            double fI = e1I - e0I;
            double awR = kappa * theta / c * (dz0R * fR - dz0I * fI);
            double awI = kappa * theta / c * (dz0R * fI + dz0I * fR);
            // ψ = φ (∂_wA + ∂_wB v0)
            double gR = awR + bwR * v0;
            double gI = awI + bwI * v0;
            double psiR = phiR * gR - phiI * gI;
            double psiI = phiR * gI + phiI * gR;
            if (!Double.isFinite(psiR + psiI + phiR + phiI)) {
                truncated = k > 0 && phiMod < TRUNCATION; // underflow past the truncation ends the sum; else it failed
                break;
            }
            double w = k == 0 ? 0.5 : 1.0;
            // e^{−iu y_q} = W_q^k at every grid point, then one step on to the next node's power: independent across
            // the grid (the loop vectorises), where a rotation along the grid is one chain of dependent products
            for (int q = 0; q < m; q++) {
                double cR = pR[q];
                double cI = pI[q];
                den[q] += w * (cR * phiR - cI * phiI);
                num[q] += w * (cR * psiR - cI * psiI);
                pR[q] = cR * stepR[q] - cI * stepI[q];
                pI[q] = cR * stepI[q] + cI * stepR[q];
            }
            if (k > 0 && phiMod < TRUNCATION && Math.hypot(psiR, psiI) < TRUNCATION * ev) {
                truncated = true;
                break;
            }
        }
        return truncated;
    }

    /** m_H = num/den, NaN where the density is below {@link #RESOLVED} of the grid's largest (the sums' rounding). */
    private static void ratio(double[] num, double[] den, double[] out) {
        int m = out.length;
        double denMax = 0;
        for (int q = 0; q < m; q++) {
            denMax = Math.max(denMax, den[q]);
        }
        for (int q = 0; q < m; q++) {
            out[q] = den[q] > RESOLVED * denMax ? num[q] / den[q] : Double.NaN;
        }
    }

    /**
     * m at x from its values on a uniform grid [lo, hi] (at least 4 points): Catmull–Rom in ln m, the missing
     * neighbour at either end extrapolated quadratically, flat beyond the grid. Why: m_H is smooth but steep (its log is
     * nearly linear in x), so on 101 points this is within 5e-4 of evaluating m_H itself (vol-of-vol up to 2, 1 day to
     * 5Y; linear interpolation of m on 51 points was 0.5–3 % off), for half the grid's cost. NaN where a value used is
     * not positive.
     */
    public static double interpolate(double[] values, double lo, double hi, double x) {
        return inLogs(logs(values), lo, hi, x);
    }

    /**
     * out[i] = {@link #interpolate}(values, lo, hi, xs[i]) for i &lt; n, the same values to the bit, with the logarithm of
     * each node taken once instead of four times per point (the calibration reads 200 points off 101 nodes).
     */
    public static void interpolate(double[] values, double lo, double hi, double[] xs, double[] out, int n) {
        double[] logs = logs(values);
        for (int i = 0; i < n; i++) {
            out[i] = inLogs(logs, lo, hi, xs[i]);
        }
    }

    private static double[] logs(double[] values) {
        double[] logs = new double[values.length];
        for (int j = 0; j < values.length; j++) {
            logs[j] = Math.log(values[j]);
        }
        return logs;
    }

    /** The Catmull–Rom step of {@link #interpolate} on the nodes' logarithms. */
    private static double inLogs(double[] logs, double lo, double hi, double x) {
        int k = logs.length;
        double u = (x - lo) / (hi - lo) * (k - 1);
        u = u > 0 ? u : 0.0;
        u = u < k - 1 ? u : k - 1;
        int j = Math.min(k - 2, (int) u);
        double w = u - j;
        double p1 = logs[j];
        double p2 = logs[j + 1];
        double p0 = j > 0 ? logs[j - 1] : 3 * p1 - 3 * p2 + logs[j + 2];
        double p3 = j + 2 < k ? logs[j + 2] : 3 * p2 - 3 * p1 + logs[j - 1];
        double a = -0.5 * p0 + 1.5 * p1 - 1.5 * p2 + 0.5 * p3;
        double b = p0 - 2.5 * p1 + 2 * p2 - 0.5 * p3;
        double c = -0.5 * p0 + 0.5 * p2;
        return Math.exp(((a * w + b) * w + c) * w + p1);
    }
}
