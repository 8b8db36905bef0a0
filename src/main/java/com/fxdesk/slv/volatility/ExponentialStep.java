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
        this.solves = contour.zr().length; // a multiple of 4: the sweeps take four contour points at a time
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
     * trial step of the fit or a served slice is applied once), four contour points per sweep: each sweep is a chain of
     * dependent divisions, and independent chains let the processor overlap them (two: ≈1.7× faster than one; four:
     * 60 instead of 76 µs on 875 nodes; six spill registers and are slower).
     */
    void advance(double[] from, double[] out) {
        advance(from, out, new Work());
    }

    /**
     * Scratch arrays reused by the exponentials and Jacobians of one fit (dozens per interval): allocating and zeroing
     * them per call cost about a tenth of the call. Grown on demand; not shared between threads.
     */
    static final class Work {
        private double[] pa = new double[0];
        private double[] ya = new double[0];
        private double[] acc = new double[0];
        private double[][] fac = new double[0][];
        private double[] xr = new double[0];
        private double[] xi = new double[0];

        private void sweeps(int n) {
            if (acc.length < n) {
                pa = new double[8 * n];
                ya = new double[8 * n];
                acc = new double[n];
            }
            java.util.Arrays.fill(acc, 0, n, 0.0);
        }

        /** Six arrays per contour point (inverse pivots, p, y; real and imaginary), and p solutions per node. */
        private void jacobian(int solves, int n, int p) {
            if (fac.length < 6 * solves || fac[0].length < n) {
                fac = new double[6 * solves][n];
            }
            if (xr.length < n * p) {
                xr = new double[n * p];
                xi = new double[n * p];
            } else {
                java.util.Arrays.fill(xr, 0, n * p, 0.0);
                java.util.Arrays.fill(xi, 0, n * p, 0.0);
            }
        }
    }

    /** {@link #advance(double[], double[])} with the scratch arrays of w. */
    void advance(double[] from, double[] out, Work w) {
        // the same forward sweep as factor(), kept apart: the plain exponential stores only p and y packed per node
        // (4 points × 2 doubles each) and never the pivots, half the memory traffic of factor() + flow(), which the
        // Jacobian needs because it re-uses the factorisations for its p extra solves
        int n = lat.n;
        w.sweeps(n);
        double[] pa = w.pa;
        double[] ya = w.ya;
        double[] acc = w.acc;
        double[] zrs = contour.zr();
        double[] zis = contour.zi();
        double[] crs = contour.cr();
        double[] cis = contour.ci();
        for (int k = 0; k < solves; k += 4) {
            // four contour points per sweep; a count not divisible by 4 repeats the last point with weight 0
            int k1 = Math.min(k + 1, solves - 1);
            int k2 = Math.min(k + 2, solves - 1);
            int k3 = Math.min(k + 3, solves - 1);
            double za = zrs[k];
            double wa = zis[k];
            double zb = zrs[k1];
            double wb = zis[k1];
            double zc = zrs[k2];
            double wc = zis[k2];
            double zd = zrs[k3];
            double wd = zis[k3];
            double pRa = 0, pIa = 0, xra = 0, xia = 0;
            double pRb = 0, pIb = 0, xrb = 0, xib = 0;
            double pRc = 0, pIc = 0, xrc = 0, xic = 0;
            double pRd = 0, pId = 0, xrd = 0, xid = 0;
            for (int j = 0; j < n; j++) {
                double s = sub[j];
                double dg = diag[j];
                double up = sup[j];
                double f = from[j];
                double mra = za + dg - s * pRa;
                double mia = wa - s * pIa;
                double mrb = zb + dg - s * pRb;
                double mib = wb - s * pIb;
                double mrc = zc + dg - s * pRc;
                double mic = wc - s * pIc;
                double mrd = zd + dg - s * pRd;
                double mid = wd - s * pId;
                double da = 1 / (mra * mra + mia * mia);
                double db = 1 / (mrb * mrb + mib * mib);
                double dc = 1 / (mrc * mrc + mic * mic);
                double dd = 1 / (mrd * mrd + mid * mid);
                double ira = mra * da;
                double iia = -mia * da;
                double irb = mrb * db;
                double iib = -mib * db;
                double irc = mrc * dc;
                double iic = -mic * dc;
                double ird = mrd * dd;
                double iid = -mid * dd;
                double bra = f - s * xra;
                double bia = -s * xia;
                double brb = f - s * xrb;
                double bib = -s * xib;
                double brc = f - s * xrc;
                double bic = -s * xic;
                double brd = f - s * xrd;
                double bid = -s * xid;
                xra = bra * ira - bia * iia;
                xia = bra * iia + bia * ira;
                xrb = brb * irb - bib * iib;
                xib = brb * iib + bib * irb;
                xrc = brc * irc - bic * iic;
                xic = brc * iic + bic * irc;
                xrd = brd * ird - bid * iid;
                xid = brd * iid + bid * ird;
                pRa = up * ira;
                pIa = up * iia;
                pRb = up * irb;
                pIb = up * iib;
                pRc = up * irc;
                pIc = up * iic;
                pRd = up * ird;
                pId = up * iid;
                int o = 8 * j;
                pa[o] = pRa;
                pa[o + 1] = pIa;
                pa[o + 2] = pRb;
                pa[o + 3] = pIb;
                pa[o + 4] = pRc;
                pa[o + 5] = pIc;
                pa[o + 6] = pRd;
                pa[o + 7] = pId;
                ya[o] = xra;
                ya[o + 1] = xia;
                ya[o + 2] = xrb;
                ya[o + 3] = xib;
                ya[o + 4] = xrc;
                ya[o + 5] = xic;
                ya[o + 6] = xrd;
                ya[o + 7] = xid;
            }
            double cra = crs[k];
            double cia = cis[k];
            double crb = k1 > k ? crs[k1] : 0;
            double cib = k1 > k ? cis[k1] : 0;
            double crc = k2 > k1 ? crs[k2] : 0;
            double cic = k2 > k1 ? cis[k2] : 0;
            double crd = k3 > k2 ? crs[k3] : 0;
            double cid = k3 > k2 ? cis[k3] : 0;
            double nra = xra, nia = xia, nrb = xrb, nib = xib, nrc = xrc, nic = xic, nrd = xrd, nid = xid;
            acc[n - 1] += (cra * nra - cia * nia + crb * nrb - cib * nib) + (crc * nrc - cic * nic + crd * nrd - cid * nid);
            for (int j = n - 2; j >= 0; j--) {
                int o = 8 * j;
                double vra = ya[o] - (pa[o] * nra - pa[o + 1] * nia);
                double via = ya[o + 1] - (pa[o] * nia + pa[o + 1] * nra);
                double vrb = ya[o + 2] - (pa[o + 2] * nrb - pa[o + 3] * nib);
                double vib = ya[o + 3] - (pa[o + 2] * nib + pa[o + 3] * nrb);
                double vrc = ya[o + 4] - (pa[o + 4] * nrc - pa[o + 5] * nic);
                double vic = ya[o + 5] - (pa[o + 4] * nic + pa[o + 5] * nrc);
                double vrd = ya[o + 6] - (pa[o + 6] * nrd - pa[o + 7] * nid);
                double vid = ya[o + 7] - (pa[o + 6] * nid + pa[o + 7] * nrd);
                acc[j] += (cra * vra - cia * via + crb * vrb - cib * vib) + (crc * vrc - cic * vic + crd * vrd - cid * vid);
                nra = vra;
                nia = via;
                nrb = vrb;
                nib = vib;
                nrc = vrc;
                nic = vic;
                nrd = vrd;
                nid = vid;
            }
        }
        System.arraycopy(acc, 0, out, 0, n);
    }

    /**
     * Factorisations of zI − τA and y = (zI − τA)⁻¹ c for the contour points k0..k0+3 (fewer at the end), four
     * independent division chains in one sweep (the single-chain sweep waits on each division): inverse pivots
     * 1/m_j, p_j = sup_j/m_j and y per point.
     */
    private void factor(int k0, double[] c, double[][] irs, double[][] iis, double[][] prs, double[][] pis,
                        double[][] yrs, double[][] yis) {
        int n = lat.n;
        int k1 = Math.min(k0 + 1, solves - 1);
        int k2 = Math.min(k0 + 2, solves - 1);
        int k3 = Math.min(k0 + 3, solves - 1);
        double[] zrs = contour.zr();
        double[] zis = contour.zi();
        double za = zrs[k0], wa = zis[k0], zb = zrs[k1], wb = zis[k1];
        double zc = zrs[k2], wc = zis[k2], zd = zrs[k3], wd = zis[k3];
        double[] ira = irs[k0], iia = iis[k0], pra = prs[k0], pia = pis[k0], yra = yrs[k0], yia = yis[k0];
        double[] irb = irs[k1], iib = iis[k1], prb = prs[k1], pib = pis[k1], yrb = yrs[k1], yib = yis[k1];
        double[] irc = irs[k2], iic = iis[k2], prc = prs[k2], pic = pis[k2], yrc = yrs[k2], yic = yis[k2];
        double[] ird = irs[k3], iid = iis[k3], prd = prs[k3], pid = pis[k3], yrd = yrs[k3], yid = yis[k3];
        double pRa = 0, pIa = 0, xra = 0, xia = 0;
        double pRb = 0, pIb = 0, xrb = 0, xib = 0;
        double pRc = 0, pIc = 0, xrc = 0, xic = 0;
        double pRd = 0, pId = 0, xrd = 0, xid = 0;
        for (int j = 0; j < n; j++) {
            double s = sub[j];
            double dg = diag[j];
            double up = sup[j];
            double f = c[j];
            double mra = za + dg - s * pRa;
            double mia = wa - s * pIa;
            double mrb = zb + dg - s * pRb;
            double mib = wb - s * pIb;
            double mrc = zc + dg - s * pRc;
            double mic = wc - s * pIc;
            double mrd = zd + dg - s * pRd;
            double mid = wd - s * pId;
            double da = 1 / (mra * mra + mia * mia);
            double db = 1 / (mrb * mrb + mib * mib);
            double dc = 1 / (mrc * mrc + mic * mic);
            double dd = 1 / (mrd * mrd + mid * mid);
            double ra = mra * da, ia = -mia * da;
            double rb = mrb * db, ib = -mib * db;
            double rc = mrc * dc, ic = -mic * dc;
            double rd = mrd * dd, id = -mid * dd;
            double bra = f - s * xra, bia = -s * xia;
            double brb = f - s * xrb, bib = -s * xib;
            double brc = f - s * xrc, bic = -s * xic;
            double brd = f - s * xrd, bid = -s * xid;
            xra = bra * ra - bia * ia;
            xia = bra * ia + bia * ra;
            xrb = brb * rb - bib * ib;
            xib = brb * ib + bib * rb;
            xrc = brc * rc - bic * ic;
            xic = brc * ic + bic * rc;
            xrd = brd * rd - bid * id;
            xid = brd * id + bid * rd;
            pRa = up * ra;
            pIa = up * ia;
            pRb = up * rb;
            pIb = up * ib;
            pRc = up * rc;
            pIc = up * ic;
            pRd = up * rd;
            pId = up * id;
            ira[j] = ra; iia[j] = ia; pra[j] = pRa; pia[j] = pIa; yra[j] = xra; yia[j] = xia;
            irb[j] = rb; iib[j] = ib; prb[j] = pRb; pib[j] = pIb; yrb[j] = xrb; yib[j] = xib;
            irc[j] = rc; iic[j] = ic; prc[j] = pRc; pic[j] = pIc; yrc[j] = xrc; yic[j] = xic;
            ird[j] = rd; iid[j] = id; prd[j] = pRd; pid[j] = pId; yrd[j] = xrd; yid[j] = xid;
        }
        for (int j = n - 2; j >= 0; j--) {
            double nra = yra[j + 1], nia = yia[j + 1], nrb = yrb[j + 1], nib = yib[j + 1];
            double nrc = yrc[j + 1], nic = yic[j + 1], nrd = yrd[j + 1], nid = yid[j + 1];
            yra[j] -= pra[j] * nra - pia[j] * nia;
            yia[j] -= pra[j] * nia + pia[j] * nra;
            yrb[j] -= prb[j] * nrb - pib[j] * nib;
            yib[j] -= prb[j] * nib + pib[j] * nrb;
            yrc[j] -= prc[j] * nrc - pic[j] * nic;
            yic[j] -= prc[j] * nic + pic[j] * nrc;
            yrd[j] -= prd[j] * nrd - pid[j] * nid;
            yid[j] -= prd[j] * nid + pid[j] * nrd;
        }
    }

    /** e^{τA}c from y = R(z)c at every contour point, summed exactly as {@link #advance(double[], double[], Work)} does. */
    private void flow(double[][] yrs, double[][] yis, double[] out) {
        int n = lat.n;
        double[] crs = contour.cr();
        double[] cis = contour.ci();
        java.util.Arrays.fill(out, 0, n, 0.0);
        for (int k = 0; k < solves; k += 4) {
            int k1 = Math.min(k + 1, solves - 1);
            int k2 = Math.min(k + 2, solves - 1);
            int k3 = Math.min(k + 3, solves - 1);
            double cra = crs[k];
            double cia = cis[k];
            double crb = k1 > k ? crs[k1] : 0;
            double cib = k1 > k ? cis[k1] : 0;
            double crc = k2 > k1 ? crs[k2] : 0;
            double cic = k2 > k1 ? cis[k2] : 0;
            double crd = k3 > k2 ? crs[k3] : 0;
            double cid = k3 > k2 ? cis[k3] : 0;
            double[] yra = yrs[k], yia = yis[k], yrb = yrs[k1], yib = yis[k1];
            double[] yrc = yrs[k2], yic = yis[k2], yrd = yrs[k3], yid = yis[k3];
            for (int j = 0; j < n; j++) {
                out[j] += (cra * yra[j] - cia * yia[j] + crb * yrb[j] - cib * yib[j])
                        + (crc * yrc[j] - cic * yic[j] + crd * yrd[j] - cid * yid[j]);
            }
        }
    }

    /**
     * Derivatives of e^{τA}c with respect to p parameters, read at a few points: out[m][q] += ∂(e^{τA}c)/∂θ_q
     * interpolated at cell[m] + cellW[m], for τ ∂A/∂θ_q = diag(g_q) L with g_q non-zero on one contiguous run of nodes
     * (node j carries g1[j] for parameter q1[j] and g2[j] for q2[j]; −1: none; the runs are ordered in q). By
     * d e^{τA} c = (2πi)⁻¹ ∫ e^z R(z) τ dA R(z) c dz on this contour: per contour point one factorisation, y = R c and
     * s = L y, then the p solves R (g_q ⊙ s) in one sweep over the nodes — p independent chains side by side (what the
     * processor overlaps and vectorises), each starting where its run starts; only the read-out cells and above are
     * back-substituted. work: scratch arrays ({@link Work}). flow: if not null, receives e^{τA}c itself — the
     * factorisations hold y = R(z)c at every contour point, so it costs one accumulation, summed in the order of
     * {@link #advance(double[], double[], Work)} (the same numbers to the last bit).
     */
    void derivatives(double[] c, int p, int[] q1, double[] g1, int[] q2, double[] g2, int[] cell, double[] cellW,
                     double[][] out, Work work, double[] flow) {
        int n = lat.n;
        work.jacobian(solves, n, p);
        double[][] irs = java.util.Arrays.copyOfRange(work.fac, 0, solves);
        double[][] iis = java.util.Arrays.copyOfRange(work.fac, solves, 2 * solves);
        double[][] prs = java.util.Arrays.copyOfRange(work.fac, 2 * solves, 3 * solves);
        double[][] pis = java.util.Arrays.copyOfRange(work.fac, 3 * solves, 4 * solves);
        double[][] yrs = java.util.Arrays.copyOfRange(work.fac, 4 * solves, 5 * solves);
        double[][] yis = java.util.Arrays.copyOfRange(work.fac, 5 * solves, 6 * solves);
        for (int k = 0; k < solves; k += 4) {
            factor(k, c, irs, iis, prs, pis, yrs, yis);
        }
        if (flow != null) {
            flow(yrs, yis, flow);
        }
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
        double[] xr = work.xr;
        double[] xi = work.xi;
        for (int k = 0; k < solves; k++) {
            double[] ir = irs[k];
            double[] ii = iis[k];
            double[] pr = prs[k];
            double[] pi = pis[k];
            double[] yr = yrs[k];
            double[] yi = yis[k];
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
