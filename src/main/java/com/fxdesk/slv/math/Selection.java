package com.fxdesk.slv.math;

/** Order statistics by selection (Hoare partition, median-of-three pivot): O(n) expected, no sort. */
public final class Selection {

    private Selection() {
    }

    /**
     * The k-th smallest of a[from, to) (k absolute). Partially reorders that range: afterwards a[k] holds it, no
     * element of [from, k) is larger and none of (k, to) smaller.
     */
    public static double select(double[] a, int from, int to, int k) {
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
