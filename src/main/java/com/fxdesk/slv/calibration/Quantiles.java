package com.fxdesk.slv.calibration;

/** Exact order statistics by in-place selection (O(N), no sort): the spot grid's ends at every step. */
final class Quantiles {

    private Quantiles() {
    }

    /** The k-th smallest of a[from, to) (k absolute); partially reorders that range. */
    static double select(double[] a, int from, int to, int k) {
        int l = from;
        int r = to - 1;
        while (l < r) {
            int mid = (l + r) >>> 1;
            double p = median(a[l], a[mid], a[r]);
            int i = l;
            int j = r;
            do {
                while (a[i] < p) {
                    i++;
                }
                while (p < a[j]) {
                    j--;
                }
                if (i <= j) {
                    double t = a[i];
                    a[i] = a[j];
                    a[j] = t;
                    i++;
                    j--;
                }
            } while (i <= j);
            if (j < k) {
                l = i;
            }
            if (k < i) {
                r = j;
            }
        }
        return a[k];
    }

    private static double median(double a, double b, double c) {
        return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    }
}
