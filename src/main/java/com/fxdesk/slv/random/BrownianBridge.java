package com.fxdesk.slv.random;

/**
 * Brownian-bridge construction of a Brownian path on an arbitrary time grid 0 = t_0 &lt; … &lt; t_N: the first
 * normal fixes W(t_N), the next ones the mid points of ever finer intervals (breadth first). With quasi-random
 * input this puts the low, well-distributed Sobol dimensions on the coarse shape of the path that path-dependent
 * payoffs are most sensitive to. Output: the standardised increments (W(t_{n+1}) − W(t_n)) / √(t_{n+1} − t_n),
 * i.e. i.i.d. N(0,1) in distribution. Immutable; the caller supplies the work array.
 */
public final class BrownianBridge {
    private final int steps;
    private final int[] target;
    private final int[] left;
    private final int[] right;
    private final double[] leftWeight;
    private final double[] rightWeight;
    private final double[] stdDev;
    private final double[] invSqrtDt;

    public BrownianBridge(double[] times) {
        int n = times.length - 1;
        if (n < 1 || times[0] != 0.0) {
            throw new IllegalArgumentException("times must start at 0 and have at least one step");
        }
        this.steps = n;
        target = new int[n];
        left = new int[n];
        right = new int[n];
        leftWeight = new double[n];
        rightWeight = new double[n];
        stdDev = new double[n];
        invSqrtDt = new double[n];
        for (int i = 0; i < n; i++) {
            invSqrtDt[i] = 1 / Math.sqrt(times[i + 1] - times[i]);
        }
        target[0] = n;
        left[0] = 0;
        right[0] = -1;
        stdDev[0] = Math.sqrt(times[n]);
        // breadth-first bisection of index intervals [l, r] with unknown interior points
        int[] qL = new int[2 * n + 2];
        int[] qR = new int[2 * n + 2];
        int head = 0;
        int tail = 0;
        qL[tail] = 0;
        qR[tail++] = n;
        int k = 1;
        while (head < tail) {
            int l = qL[head];
            int r = qR[head++];
            if (r - l < 2) {
                continue;
            }
            int m = (l + r) >>> 1;
            double tl = times[l];
            double tm = times[m];
            double tr = times[r];
            target[k] = m;
            left[k] = l;
            right[k] = r;
            leftWeight[k] = (tr - tm) / (tr - tl);
            rightWeight[k] = (tm - tl) / (tr - tl);
            stdDev[k] = Math.sqrt((tm - tl) * (tr - tm) / (tr - tl));
            k++;
            qL[tail] = l;
            qR[tail++] = m;
            qL[tail] = m;
            qR[tail++] = r;
        }
        if (k != n) {
            throw new IllegalStateException("bridge construction covered " + k + " of " + n + " points");
        }
    }

    public int steps() {
        return steps;
    }

    /**
     * @param z      normals in construction order: the k-th is z[offset + k·stride]
     * @param work   scratch of length ≥ steps + 1
     * @param out    standardised increments, out[outOffset + n·outStride] for step n
     */
    public void increments(double[] z, int offset, int stride, double[] work, double[] out, int outOffset,
                           int outStride) {
        work[0] = 0.0;
        work[steps] = stdDev[0] * z[offset];
        for (int k = 1; k < steps; k++) {
            work[target[k]] = leftWeight[k] * work[left[k]] + rightWeight[k] * work[right[k]]
                    + stdDev[k] * z[offset + k * stride];
        }
        for (int i = 0; i < steps; i++) {
            out[outOffset + i * outStride] = (work[i + 1] - work[i]) * invSqrtDt[i];
        }
    }

    /**
     * {@link #increments} for a block of n paths at once, path index innermost so the JIT vectorises every bridge
     * node across the block; bit-identical to calling {@link #increments} per path.
     *
     * @param z      normals, block-transposed: the k-th normal of path j is z[(offset + k·stride)·block + j]
     * @param work   scratch of length ≥ (steps + 1)·block
     * @param out    increments of path j at step i go to out[outOffset + i·outStride + j]
     * @param n      paths in this block (≤ block)
     * @param block  the block's row length in z and work
     */
    public void incrementsBlock(double[] z, int offset, int stride, double[] work, double[] out, int outOffset,
                                int outStride, int n, int block) {
        int lastRow = steps * block;
        int z0 = offset * block;
        double sd0 = stdDev[0];
        for (int j = 0; j < n; j++) {
            work[j] = 0.0;
            work[lastRow + j] = sd0 * z[z0 + j];
        }
        for (int k = 1; k < steps; k++) {
            int t = target[k] * block;
            int l = left[k] * block;
            int r = right[k] * block;
            int zk = (offset + k * stride) * block;
            double lw = leftWeight[k];
            double rw = rightWeight[k];
            double sd = stdDev[k];
            for (int j = 0; j < n; j++) {
                work[t + j] = lw * work[l + j] + rw * work[r + j] + sd * z[zk + j];
            }
        }
        for (int i = 0; i < steps; i++) {
            int a = i * block;
            int o = outOffset + i * outStride;
            double inv = invSqrtDt[i];
            for (int j = 0; j < n; j++) {
                out[o + j] = (work[a + block + j] - work[a + j]) * inv;
            }
        }
    }
}
