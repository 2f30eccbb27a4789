package io.weir.promql.eval.kernel;

import java.util.Arrays;

/**
 * {@code quantile_over_time} over a sliding window: the window's values kept sorted, updated by
 * binary-search insertion and removal as samples enter and leave, the quantile then read off with
 * the same interpolation as {@link Quantiles#quantile}. NaNs, which that order puts first, are only
 * counted. Values are ordered as {@link Double#compare} orders them (-0 before +0), through keys
 * that compare as plain longs. A window that moved further than it overlaps is sorted afresh.
 *
 * <p>The sorted values sit in the middle of their array with room on both sides, and an insertion
 * or removal shifts whichever side is shorter. Counters, whose oldest value is usually the least
 * and whose newest the greatest, so cost a check of each end and no shifting at all.
 */
final class SlidingQuantile implements SlidingWindow {
    private double[] vals;

    /** The window's values other than NaN, ascending, at {@code [off, off + size)}. */
    private double[] buf = new double[64];

    private int off;
    private int size;
    private int nans;
    private int from;
    private int to;

    @Override
    public void reset(long[] ts, double[] vals) {
        this.vals = vals;
        off = buf.length / 2;
        size = 0;
        nans = 0;
        from = 0;
        to = 0;
    }

    @Override
    public double apply(int from, int to, long ws, long we, long et, double[] params) {
        int kept = Math.max(0, this.to - from);
        int moves = (to - this.to) + (from - this.from);
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
        return Quantiles.quantileAfterNaNs(params[0], nans, buf, off, size + nans);
    }

    private void rebuild(int from, int to) {
        int n = to - from;
        if (buf.length < 2 * n + 16) {
            buf = new double[2 * n + 16];
        }
        off = (buf.length - n) / 2;
        size = 0;
        nans = 0;
        for (int i = from; i < to; i++) {
            double v = vals[i];
            if (Double.isNaN(v)) {
                nans++;
            } else {
                buf[off + size++] = v;
            }
        }
        Arrays.sort(buf, off, off + size);
    }

    private void insert(double v) {
        if (Double.isNaN(v)) {
            nans++;
            return;
        }
        if (off == 0 || off + size == buf.length) {
            recenter();
        }
        long k = key(v);
        if (size == 0 || key(buf[off + size - 1]) <= k) {
            // The usual case for a counter: the newest value is the greatest.
            buf[off + size] = v;
            size++;
            return;
        }
        int at = lowerBound(k);
        if (at < size - at) {
            System.arraycopy(buf, off, buf, off - 1, at);
            off--;
        } else {
            System.arraycopy(buf, off + at, buf, off + at + 1, size - at);
        }
        buf[off + at] = v;
        size++;
    }

    private void remove(double v) {
        if (Double.isNaN(v)) {
            nans--;
            return;
        }
        long k = key(v);
        if (key(buf[off]) == k) {
            // The usual case for a counter: the oldest value is the least.
            off++;
            size--;
            return;
        }
        int at = lowerBound(k);
        if (at == size || key(buf[off + at]) != k) {
            throw new IllegalStateException("value " + v + " is not in the window");
        }
        if (at < size - at) {
            System.arraycopy(buf, off, buf, off + 1, at);
            off++;
        } else {
            System.arraycopy(buf, off + at + 1, buf, off + at, size - at - 1);
        }
        size--;
    }

    /** Moves the values to the middle of an array with room on both sides for one more. */
    private void recenter() {
        double[] target = buf.length < 2 * size + 16 ? new double[2 * size + 16] : buf;
        int newOff = (target.length - size) / 2;
        System.arraycopy(buf, off, target, newOff, size);
        buf = target;
        off = newOff;
    }

    /** The first position whose value is not below the value of key {@code k}. */
    private int lowerBound(long k) {
        // The ends first: a counter's values arrive greatest and leave least.
        if (size == 0 || key(buf[off]) >= k) {
            return 0;
        }
        if (key(buf[off + size - 1]) < k) {
            return size;
        }
        int lo = 1;
        int n = size - 2;
        while (n > 0) {
            int half = n >>> 1;
            if (key(buf[off + lo + half]) < k) {
                lo += half + 1;
                n -= half + 1;
            } else {
                n = half;
            }
        }
        return lo;
    }

    /**
     * A long that orders non-NaN doubles as {@link Double#compare} does: the sign-magnitude bits of
     * negative values flipped into two's complement order.
     */
    private static long key(double v) {
        long bits = Double.doubleToRawLongBits(v);
        return bits ^ ((bits >> 63) & Long.MAX_VALUE);
    }
}
