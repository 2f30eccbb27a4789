package io.weir.promql.eval.kernel;

/**
 * {@code rate}, {@code increase} and {@code delta}: the change over the window, corrected for
 * counter resets (counters only) and extrapolated towards the window's edges the way Prometheus
 * does it.
 *
 * <p>The observed change between the first and last sample is stretched towards each edge of the
 * window, but only all the way when the gap to that edge is under 110% of the average sample
 * interval; otherwise the series is assumed to start (or end) half an interval beyond its first
 * (last) sample. A counter is never extrapolated below zero: the start is clamped to the point
 * where the line through the samples reaches zero.
 */
public enum RateKernel implements RangeKernel {
    RATE(true, true),
    INCREASE(true, false),
    DELTA(false, false);

    private final boolean isCounter;
    private final boolean isRate;

    RateKernel(boolean isCounter, boolean isRate) {
        this.isCounter = isCounter;
        this.isRate = isRate;
    }

    @Override
    public int minSamples() {
        return 2;
    }

    @Override
    public double apply(
            long[] ts,
            double[] vals,
            int from,
            int to,
            long windowStart,
            long windowEnd,
            long evalTime,
            double[] params) {
        double result = vals[to - 1] - vals[from];
        if (isCounter) {
            for (int i = from + 1; i < to; i++) {
                if (vals[i] < vals[i - 1]) {
                    // A reset: the counter restarted from zero, so everything it had
                    // counted before the reset belongs to the increase too.
                    result += vals[i - 1];
                }
            }
        }
        return extrapolate(ts, vals, from, to, windowStart, windowEnd, result);
    }

    /** Whether counter resets are added back in (rate and increase, not delta). */
    boolean isCounter() {
        return isCounter;
    }

    /**
     * The observed change {@code result} over {@code [from, to)} (resets already added back)
     * extrapolated to the window's edges, per second for rate.
     */
    double extrapolate(
            long[] ts,
            double[] vals,
            int from,
            int to,
            long windowStart,
            long windowEnd,
            double result) {
        int last = to - 1;
        double firstValue = vals[from];
        long firstT = ts[from];
        long lastT = ts[last];
        double durationToStart = (firstT - windowStart) / 1000.0;
        double durationToEnd = (windowEnd - lastT) / 1000.0;
        double sampledInterval = (lastT - firstT) / 1000.0;
        double averageInterval = sampledInterval / (to - from - 1);
        double threshold = averageInterval * 1.1;

        if (durationToStart >= threshold) {
            durationToStart = averageInterval / 2;
        }
        if (isCounter) {
            double durationToZero = durationToStart;
            if (result > 0 && firstValue >= 0) {
                durationToZero = sampledInterval * (firstValue / result);
            }
            if (durationToZero < durationToStart) {
                durationToStart = durationToZero;
            }
        }
        if (durationToEnd >= threshold) {
            durationToEnd = averageInterval / 2;
        }

        double factor = 1.0;
        if (sampledInterval != 0) {
            factor = (sampledInterval + durationToStart + durationToEnd) / sampledInterval;
        }
        if (isRate) {
            factor /= rangeSeconds(windowEnd - windowStart);
        }
        return result * factor;
    }

    /**
     * A range in seconds computed the way a Go duration converts: whole seconds plus the remainder
     * in nanoseconds over 1e9, so the value agrees bit for bit with Prometheus.
     */
    static double rangeSeconds(long rangeMs) {
        long sec = rangeMs / 1000;
        long nanos = (rangeMs % 1000) * 1_000_000L;
        return sec + nanos / 1e9;
    }
}
