package com.fxdesk.slv.volatility;

/**
 * The exact flow e^{τA} of the semi-discrete forward (Dupire) equation ∂_T c = A c, A = ½ diag(σ²) L, over a time τ
 * with local vol σ(k) constant in time: by the contour integral e^{τA} = (2πi)⁻¹ ∫_Γ e^z (zI − τA)⁻¹ dz on Talbot's
 * cotangent contour z(θ) = N(0.5017 θ cot(0.6407 θ) − 0.6122 + 0.2645 iθ), θ ∈ (−π, π), discretised by the midpoint
 * rule with N = {@value #NODES} points (Weideman–Trefethen's optimised Talbot contour; error O(3.89^{−N}) uniformly on
 * the negative real axis, where the spectrum of τA lies because A is similar to a symmetric negative semi-definite
 * matrix). The nodes come in conjugate pairs, so {@value #NODES}/2 complex tridiagonal solves give e^{τA}v to about
 * 1e-14 of ‖v‖ whatever τ‖A‖ is (ExponentialStepTest: against a dense matrix exponential to 1e-13).
 * <p>Why exact in time: A is a Metzler matrix (non-negative off-diagonals), so e^{τA} is entrywise non-negative and —
 * with L c the discrete density, which obeys ∂_T (Lc) = L(½σ² Lc) with the same structure — keeps discrete convexity
 * and calendar order exactly, as fully implicit steps do; unlike a finite number of implicit steps (the exact flow at a
 * Gamma-distributed time: fat tails, the error that bent the local vol of a flat market by 25%), it has no time
 * discretisation error, and ∂_T c = A c holds exactly, so Dupire's local vol of the prices it produces is σ itself.
 * What remains is the evaluation error of the contour rule (≈1e-14 absolute) and the lattice's spatial error.
 */
final class ExponentialStep {
    /** Contour points; half of them are solved for (conjugate symmetry). */
    static final int NODES = 24;
    private static final Contour FINE = new Contour(NODES);

    /** Nodes z_k and weights c_k of the midpoint rule on Talbot's contour, one per conjugate pair. */
    private record Contour(double[] zr, double[] zi, double[] cr, double[] ci) {
        Contour(int nodes) {
            this(new double[nodes / 2], new double[nodes / 2], new double[nodes / 2], new double[nodes / 2]);
            double h = 2 * Math.PI / nodes;
            for (int k = 0; k < nodes / 2; k++) {
                double th = -Math.PI + (k + 0.5) * h;
                double cot = 1 / Math.tan(0.6407 * th);
                double s = Math.sin(0.6407 * th);
                double zRe = nodes * (0.5017 * th * cot - 0.6122);
                double zIm = nodes * 0.2645 * th;
                double dzr = nodes * 0.5017 * (cot - 0.6407 * th / (s * s));
                double dzi = nodes * 0.2645;
                // c = e^z z' h / (2πi), doubled for the conjugate partner (the real part is taken)
                double er = Math.exp(zRe) * Math.cos(zIm);
                double ei = Math.exp(zRe) * Math.sin(zIm);
                double pr = er * dzr - ei * dzi;
                double pi = er * dzi + ei * dzr;
                zr[k] = zRe;
                zi[k] = zIm;
                cr[k] = 2 * pi * h / (2 * Math.PI);
                ci[k] = -2 * pr * h / (2 * Math.PI);
            }
        }
    }

    private final StrikeLattice lat;
    private final Contour contour;
    /** Complex solves per application: half the contour's points. */
    final int solves;
    final double tau;
    /** Sub-, main and super-diagonal of −τA (real). */
    private final double[] sub;
    private final double[] diag;
    private final double[] sup;

    ExponentialStep(StrikeLattice lat, double tau, double[] variance) {
        this.lat = lat;
        this.contour = FINE;
        this.solves = contour.zr().length;
        this.tau = tau;
        int n = lat.n;
        sub = new double[n];
        sup = new double[n];
        diag = new double[n];
        for (int j = 1; j + 1 < n; j++) {
            double hv = 0.5 * tau * variance[j];
            sub[j] = -hv * lat.lo[j];
            sup[j] = -hv * lat.up[j];
            diag[j] = -sub[j] - sup[j];
        }
    }

    /**
     * out = e^{τA} from (out may be from). Factorisation and solve in one sweep per contour point (no factors kept: a
     * trial step of the fit or a served slice is applied once), two contour points per sweep: each sweep is a chain of
     * dependent divisions, and two independent chains let the processor overlap them (≈1.7× faster than one).
     */
    void advance(double[] from, double[] out) {
        int n = lat.n;
        double[] pa = new double[4 * n];
        double[] ya = new double[4 * n];
        double[] acc = new double[n];
        double[] zrs = contour.zr();
        double[] zis = contour.zi();
        for (int k = 0; k < solves; k += 2) {
            int k2 = Math.min(k + 1, solves - 1); // an odd count repeats the last point with weight 0
            double zr = zrs[k];
            double zi = zis[k];
            double zr2 = zrs[k2];
            double zi2 = zis[k2];
            double pR = 0;
            double pI = 0;
            double xr = 0;
            double xi = 0;
            double pR2 = 0;
            double pI2 = 0;
            double xr2 = 0;
            double xi2 = 0;
            for (int j = 0; j < n; j++) {
                double s = sub[j];
                double dg = diag[j];
                double up = sup[j];
                double f = from[j];
                double mr = zr + dg - s * pR;
                double mi = zi - s * pI;
                double mr2 = zr2 + dg - s * pR2;
                double mi2 = zi2 - s * pI2;
                double d = 1 / (mr * mr + mi * mi);
                double d2 = 1 / (mr2 * mr2 + mi2 * mi2);
                double ir = mr * d;
                double ii = -mi * d;
                double ir2 = mr2 * d2;
                double ii2 = -mi2 * d2;
                double br = f - s * xr;
                double bi = -s * xi;
                double br2 = f - s * xr2;
                double bi2 = -s * xi2;
                xr = br * ir - bi * ii;
                xi = br * ii + bi * ir;
                xr2 = br2 * ir2 - bi2 * ii2;
                xi2 = br2 * ii2 + bi2 * ir2;
                pR = up * ir;
                pI = up * ii;
                pR2 = up * ir2;
                pI2 = up * ii2;
                int o = 4 * j;
                pa[o] = pR;
                pa[o + 1] = pI;
                pa[o + 2] = pR2;
                pa[o + 3] = pI2;
                ya[o] = xr;
                ya[o + 1] = xi;
                ya[o + 2] = xr2;
                ya[o + 3] = xi2;
            }
            double cr = contour.cr()[k];
            double ci = contour.ci()[k];
            double cr2 = k2 > k ? contour.cr()[k2] : 0;
            double ci2 = k2 > k ? contour.ci()[k2] : 0;
            double nr = xr;
            double ni = xi;
            double nr2 = xr2;
            double ni2 = xi2;
            acc[n - 1] += cr * nr - ci * ni + cr2 * nr2 - ci2 * ni2;
            for (int j = n - 2; j >= 0; j--) {
                int o = 4 * j;
                double vr = ya[o] - (pa[o] * nr - pa[o + 1] * ni);
                double vi = ya[o + 1] - (pa[o] * ni + pa[o + 1] * nr);
                double vr2 = ya[o + 2] - (pa[o + 2] * nr2 - pa[o + 3] * ni2);
                double vi2 = ya[o + 3] - (pa[o + 2] * ni2 + pa[o + 3] * nr2);
                acc[j] += cr * vr - ci * vi + cr2 * vr2 - ci2 * vi2;
                nr = vr;
                ni = vi;
                nr2 = vr2;
                ni2 = vi2;
            }
        }
        System.arraycopy(acc, 0, out, 0, n);
    }

    /**
     * Derivatives of e^{τA}c with respect to p parameters, read at a few points: out[m][q] += ∂(e^{τA}c)/∂θ_q
     * interpolated at cell[m] + cellW[m], for τ ∂A/∂θ_q = diag(g_q) L with g_q non-zero on one contiguous run of nodes
     * (node j carries g1[j] for parameter q1[j] and g2[j] for q2[j]; −1: none; the runs are ordered in q). By
     * d e^{τA} c = (2πi)⁻¹ ∫ e^z R(z) τ dA R(z) c dz on this contour: per contour point one factorisation, y = R c and
     * s = L y, then the p solves R (g_q ⊙ s) in one sweep over the nodes — p independent chains side by side (what the
     * processor overlaps and vectorises), each starting where its run starts; only the read-out cells and above are
     * back-substituted.
     */
    void derivatives(double[] c, int p, int[] q1, double[] g1, int[] q2, double[] g2, int[] cell, double[] cellW,
                     double[][] out) {
        int n = lat.n;
        double[] ir = new double[n];
        double[] ii = new double[n];
        double[] pr = new double[n];
        double[] pi = new double[n];
        double[] yr = new double[n];
        double[] yi = new double[n];
        double[] lr = new double[n];
        double[] li = new double[n];
        // act[j]: parameters 0..act[j]−1 have started by node j (their solutions are non-zero from there on)
        int[] act = new int[n];
        int running = 0;
        int first = n;
        for (int j = 0; j < n; j++) {
            running = Math.max(running, 1 + Math.max(q1[j], q2[j]));
            act[j] = running;
            if (running > 0 && first == n) {
                first = j;
            }
        }
        int low = n - 1;
        for (int m : cell) {
            low = Math.min(low, m);
        }
        double[] xr = new double[n * p];
        double[] xi = new double[n * p];
        for (int k = 0; k < solves; k++) {
            double zr = contour.zr()[k];
            double zi = contour.zi()[k];
            double pR = 0;
            double pI = 0;
            double ar = 0;
            double ai = 0;
            for (int j = 0; j < n; j++) {
                double sj = sub[j];
                double mr = zr + diag[j] - sj * pR;
                double mi = zi - sj * pI;
                double d = 1 / (mr * mr + mi * mi);
                ir[j] = mr * d;
                ii[j] = -mi * d;
                double br = c[j] - sj * ar;
                double bi = -sj * ai;
                ar = br * ir[j] - bi * ii[j];
                ai = br * ii[j] + bi * ir[j];
                yr[j] = ar;
                yi[j] = ai;
                pR = sup[j] * ir[j];
                pI = sup[j] * ii[j];
                pr[j] = pR;
                pi[j] = pI;
            }
            for (int j = n - 2; j >= 0; j--) {
                double nr = yr[j + 1];
                double ni = yi[j + 1];
                yr[j] -= pr[j] * nr - pi[j] * ni;
                yi[j] -= pr[j] * ni + pi[j] * nr;
            }
            lat.apply(yr, lr);
            lat.apply(yi, li);
            // forward sweep of the p solves: x_j = (rhs_j − sub_j x_{j−1}) / m_j
            for (int j = first; j < n; j++) {
                int a = act[j];
                int o = j * p;
                double sj = sub[j];
                double vr = ir[j];
                double vi = ii[j];
                if (j > first) {
                    int ob = o - p;
                    for (int q = 0; q < a; q++) {
                        double br = -sj * xr[ob + q];
                        double bi = -sj * xi[ob + q];
                        xr[o + q] = br * vr - bi * vi;
                        xi[o + q] = br * vi + bi * vr;
                    }
                } else {
                    for (int q = 0; q < a; q++) {
                        xr[o + q] = 0;
                        xi[o + q] = 0;
                    }
                }
                if (q1[j] >= 0) {
                    double br = g1[j] * lr[j];
                    double bi = g1[j] * li[j];
                    xr[o + q1[j]] += br * vr - bi * vi;
                    xi[o + q1[j]] += br * vi + bi * vr;
                }
                if (q2[j] >= 0) {
                    double br = g2[j] * lr[j];
                    double bi = g2[j] * li[j];
                    xr[o + q2[j]] += br * vr - bi * vi;
                    xi[o + q2[j]] += br * vi + bi * vr;
                }
            }
            // back substitution down to the lowest read-out cell, in place
            for (int j = n - 2; j >= low; j--) {
                int o = j * p;
                int on = o + p;
                double cr = pr[j];
                double ci = pi[j];
                for (int q = 0; q < p; q++) {
                    double nr = xr[on + q];
                    double ni = xi[on + q];
                    xr[o + q] -= cr * nr - ci * ni;
                    xi[o + q] -= cr * ni + ci * nr;
                }
            }
            double wr = contour.cr()[k];
            double wi = contour.ci()[k];
            for (int m = 0; m < cell.length; m++) {
                int o = cell[m] * p;
                double w = cellW[m];
                double[] om = out[m];
                for (int q = 0; q < p; q++) {
                    double vr = xr[o + q] + w * (xr[o + p + q] - xr[o + q]);
                    double vi = xi[o + q] + w * (xi[o + p + q] - xi[o + q]);
                    om[q] += wr * vr - wi * vi;
                }
            }
            // parameters not started at a node stay zero there for the next contour point's forward sweep
            for (int j = low; j < n; j++) {
                for (int q = act[j]; q < p; q++) {
                    xr[j * p + q] = 0;
                    xi[j * p + q] = 0;
                }
            }
        }
    }
}
