package com.fxdesk.slv.calibration;

import com.fxdesk.slv.math.Selection;

/** Exact order statistics without a sort: the spot grid's ends at every regression. */
final class Quantiles {
    /** Up to this rank from either end a bounded insertion pass beats selection (no copy, one read per sample). */
    static final int MAX_EXTREME_RANK = 64;

    private Quantiles() {
    }

    /**
     * The order statistics kLo and kHi (0-based, kLo ≤ kHi) of the samples a[0], a[stride], a[2·stride], … below n.
     * Near the ends (the grid's 0.1% and 99.9% quantiles) one pass keeps the kLo + 1 smallest and the ns − kHi
     * largest in small sorted buffers; otherwise the samples are copied into scratch and selected.
     */
    static double[] ranks(double[] a, int n, int stride, int kLo, int kHi, double[] scratch) {
        int ns = (n + stride - 1) / stride;
        int kTop = ns - 1 - kHi;
        if (kLo < MAX_EXTREME_RANK && kTop < MAX_EXTREME_RANK && kLo + 1 + kTop + 1 <= ns) {
            double[] lo = new double[kLo + 1];
            double[] hi = new double[kTop + 1];
            int lc = 0;
            int hc = 0;
            for (int i = 0; i < n; i += stride) {
                double v = a[i];
                // lo: ascending, the kLo + 1 smallest so far
                if (lc <= kLo) {
                    int p = lc++;
                    while (p > 0 && lo[p - 1] > v) {
                        lo[p] = lo[p - 1];
                        p--;
                    }
                    lo[p] = v;
                } else if (v < lo[kLo]) {
                    int p = kLo;
                    while (p > 0 && lo[p - 1] > v) {
                        lo[p] = lo[p - 1];
                        p--;
                    }
                    lo[p] = v;
                }
                // hi: descending, the kTop + 1 largest so far
                if (hc <= kTop) {
                    int p = hc++;
                    while (p > 0 && hi[p - 1] < v) {
                        hi[p] = hi[p - 1];
                        p--;
                    }
                    hi[p] = v;
                } else if (v > hi[kTop]) {
                    int p = kTop;
                    while (p > 0 && hi[p - 1] < v) {
                        hi[p] = hi[p - 1];
                        p--;
                    }
                    hi[p] = v;
                }
            }
            return new double[] {lo[kLo], hi[kTop]};
        }
        int m = 0;
        for (int i = 0; i < n; i += stride) {
            scratch[m++] = a[i];
        }
        double l = Selection.select(scratch, 0, m, kLo);
        double h = Selection.select(scratch, kLo, m, kHi);
        return new double[] {l, h};
    }
}
