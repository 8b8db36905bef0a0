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
    /**
     * Contour points of the Jacobian's rule ({@link #forJacobian}): error ≈ 3.89^−16 ≈ 4e-10 of the source, far below
     * what the Levenberg–Marquardt step needs (the Jacobian only steers; the residuals use the {@value #NODES}-point
     * rule), at 8 instead of 12 complex solves per knot.
     */
    static final int JACOBIAN_NODES = 24;
    private static final Contour FINE = new Contour(NODES);
    private static final Contour COARSE = new Contour(JACOBIAN_NODES);

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
    /** Thomas factors per contour point, 1/m_j and c_j/m_j (complex): built on the first {@link #solve} only. */
    private double[][] invR;
    private double[][] invI;
    private double[][] cpR;
    private double[][] cpI;

    ExponentialStep(StrikeLattice lat, double tau, double[] variance) {
        this(lat, tau, variance, false);
    }

    /** The {@value #JACOBIAN_NODES}-point rule, for the Jacobian's solves ({@link #solve}). */
    static ExponentialStep forJacobian(StrikeLattice lat, double tau, double[] variance) {
        return new ExponentialStep(lat, tau, variance, true);
    }

    private ExponentialStep(StrikeLattice lat, double tau, double[] variance, boolean coarse) {
        this.lat = lat;
        this.contour = coarse ? COARSE : FINE;
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

    private void factorise() {
        int n = lat.n;
        invR = new double[solves][n];
        invI = new double[solves][n];
        cpR = new double[solves][n];
        cpI = new double[solves][n];
        for (int k = 0; k < solves; k++) {
            double[] ir = invR[k];
            double[] ii = invI[k];
            double[] pr = cpR[k];
            double[] pi = cpI[k];
            double zr = contour.zr()[k];
            double zi = contour.zi()[k];
            double pR = 0;
            double pI = 0;
            for (int j = 0; j < n; j++) {
                // m = z + diag − sub·cp_{j−1}
                double mr = zr + diag[j] - sub[j] * pR;
                double mi = zi - sub[j] * pI;
                double d = 1 / (mr * mr + mi * mi);
                ir[j] = mr * d;
                ii[j] = -mi * d;
                pR = sup[j] * ir[j];
                pI = sup[j] * ii[j];
                pr[j] = pR;
                pi[j] = pI;
            }
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

    /** (z_k I − τA)⁻¹ (rhsR + i rhsI) into (outR, outI); rhsI may be null (real right-hand side). */
    void solve(int k, double[] rhsR, double[] rhsI, double[] outR, double[] outI) {
        solve(k, rhsR, rhsI, 0, outR, outI);
    }

    /**
     * As {@link #solve(int, double[], double[], double[], double[])} for a right-hand side that is zero below index
     * first (a knot's support in the Jacobian): the forward sweep starts there.
     */
    void solve(int k, double[] rhsR, double[] rhsI, int first, double[] outR, double[] outI) {
        if (invR == null) {
            factorise();
        }
        int n = lat.n;
        double[] ir = invR[k];
        double[] ii = invI[k];
        double[] pr = cpR[k];
        double[] pi = cpI[k];
        double xr = 0;
        double xi = 0;
        for (int j = 0; j < first; j++) {
            outR[j] = 0;
            outI[j] = 0;
        }
        for (int j = first; j < n; j++) {
            double br = rhsR[j] - sub[j] * xr;
            double bi = (rhsI == null ? 0 : rhsI[j]) - sub[j] * xi;
            xr = br * ir[j] - bi * ii[j];
            xi = br * ii[j] + bi * ir[j];
            outR[j] = xr;
            outI[j] = xi;
        }
        for (int j = n - 2; j >= 0; j--) {
            double nr = outR[j + 1];
            double ni = outI[j + 1];
            outR[j] -= pr[j] * nr - pi[j] * ni;
            outI[j] -= pr[j] * ni + pi[j] * nr;
        }
    }

    /** Weight of node k: e^{τA}v = Σ_k Re[(weightRe_k + i weightIm_k) (z_k I − τA)⁻¹ v]. */
    double weightRe(int k) {
        return contour.cr()[k];
    }

    double weightIm(int k) {
        return contour.ci()[k];
    }
}
