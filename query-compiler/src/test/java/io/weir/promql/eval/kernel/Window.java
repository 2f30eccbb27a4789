package io.weir.promql.eval.kernel;

import java.util.ArrayList;
import java.util.List;

/**
 * A test series loaded like a test script's {@code load <interval>} line (sample i at {@code i *
 * interval}), and the evaluation of a kernel over one of its windows the way the evaluator will
 * call it.
 */
final class Window {
    /** Marks a missing sample, like {@code _} in a test script. */
    static final double MISSING = Double.longBitsToDouble(0x7ff8dead0000beefL);

    private final long[] ts;
    private final double[] vals;

    private Window(long[] ts, double[] vals) {
        this.ts = ts;
        this.vals = vals;
    }

    /** A series with one value every {@code intervalMs}; {@link #MISSING} skips a slot. */
    static Window load(long intervalMs, double... values) {
        List<Long> t = new ArrayList<>();
        List<Double> v = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            if (Double.doubleToRawLongBits(values[i]) != Double.doubleToRawLongBits(MISSING)) {
                t.add(i * intervalMs);
                v.add(values[i]);
            }
        }
        long[] ts = new long[t.size()];
        double[] vals = new double[v.size()];
        for (int i = 0; i < ts.length; i++) {
            ts[i] = t.get(i);
            vals[i] = v.get(i);
        }
        return new Window(ts, vals);
    }

    /** {@code start+step x times}: times+1 values, as the test scripts expand it. */
    static double[] seq(double start, double step, int times) {
        double[] out = new double[times + 1];
        for (int i = 0; i <= times; i++) {
            out[i] = start + step * i;
        }
        return out;
    }

    static double[] concat(double[]... parts) {
        int n = 0;
        for (double[] p : parts) {
            n += p.length;
        }
        double[] out = new double[n];
        int at = 0;
        for (double[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    /** The kernel's value at {@code evalMs} over {@code [rangeMs]}, or null when absent. */
    Double eval(RangeKernel kernel, long evalMs, long rangeMs, double... params) {
        return evalWithOffset(kernel, evalMs, rangeMs, 0, params);
    }

    /** As {@link #eval(RangeKernel, long, long, double...)} with an offset. */
    Double evalWithOffset(
            RangeKernel kernel, long evalMs, long rangeMs, long offsetMs, double... params) {
        long windowEnd = evalMs - offsetMs;
        long windowStart = windowEnd - rangeMs;
        int from = 0;
        while (from < ts.length && ts[from] <= windowStart) {
            from++;
        }
        int to = from;
        while (to < ts.length && ts[to] <= windowEnd) {
            to++;
        }
        if (to - from == 0) {
            return null;
        }
        kernel.checkParams(params);
        if (to - from < kernel.minSamples()) {
            return null;
        }
        return kernel.apply(ts, vals, from, to, windowStart, windowEnd, evalMs, params);
    }

    static long s(double seconds) {
        return Math.round(seconds * 1000);
    }

    static long m(double minutes) {
        return Math.round(minutes * 60_000);
    }
}
