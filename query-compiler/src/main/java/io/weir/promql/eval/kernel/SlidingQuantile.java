package io.weir.promql.eval.kernel;

import java.util.Arrays;

/**
 * {@code quantile_over_time} over a sliding window: the window's values kept sorted (NaN first,
 * then ascending with -0 before +0, the order {@link Quantiles} sorts in), updated by binary-search
 * insertion and removal as samples enter and leave. The quantile is then read off the sorted values
 * with the same interpolation as {@link Quantiles#quantile}. A window that moved further than it
 * overlaps is sorted afresh instead.
 */
final class SlidingQuantile implements SlidingWindow {
    private double[] vals;
    private double[] sorted = new double[16];
    private int size;
    private int from;
    private int to;

    @Override
    public void reset(long[] ts, double[] vals) {
        this.vals = vals;
        size = 0;
        from = 0;
        to = 0;
    }

    @Override
    public double apply(int from, int to, long ws, long we, long et, double[] params) {
        int kept = Math.max(0, this.to - from);
        int moves = (to - this.to) + (this.to - this.from - kept);
        if (kept == 0 || moves > kept) {
            rebuild(from, to);
        } else {
            for (int i = this.from; i < from; i++) {
                remove(vals[i]);
            }
            for (int i = this.to; i < to; i++) {
                insert(vals[i]);
            }
        }
        this.from = from;
        this.to = to;
        return Quantiles.quantileOfSorted(params[0], sorted, size);
    }

    private void rebuild(int from, int to) {
        size = to - from;
        ensureCapacity(size);
        System.arraycopy(vals, from, sorted, 0, size);
        Quantiles.sortNaNFirst(sorted, size);
    }

    private void insert(double v) {
        ensureCapacity(size + 1);
        int at = search(v);
        if (at < 0) {
            at = -at - 1;
        }
        System.arraycopy(sorted, at, sorted, at + 1, size - at);
        sorted[at] = v;
        size++;
    }

    private void remove(double v) {
        int at = search(v);
        if (at < 0) {
            throw new IllegalStateException("value " + v + " is not in the window");
        }
        System.arraycopy(sorted, at + 1, sorted, at, size - at - 1);
        size--;
    }

    /** Binary search in the NaN-first order; as {@link Arrays#binarySearch(double[], double)}. */
    private int search(double v) {
        int lo = 0;
        int hi = size - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = compare(sorted[mid], v);
            if (c < 0) {
                lo = mid + 1;
            } else if (c > 0) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -(lo + 1);
    }

    /** {@link Double#compare} except that NaN comes before everything. */
    private static int compare(double a, double b) {
        boolean aNaN = Double.isNaN(a);
        boolean bNaN = Double.isNaN(b);
        if (aNaN || bNaN) {
            return Boolean.compare(bNaN, aNaN);
        }
        return Double.compare(a, b);
    }

    private void ensureCapacity(int n) {
        if (n > sorted.length) {
            sorted = Arrays.copyOf(sorted, Math.max(n, sorted.length * 2));
        }
    }
}
