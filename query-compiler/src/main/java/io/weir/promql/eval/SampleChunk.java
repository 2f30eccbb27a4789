package io.weir.promql.eval;

/**
 * A read-only view of samples {@code [from, to)} of two parallel arrays, ascending by time. Views
 * avoid copying a series' arrays for every read; callers must not modify the arrays.
 */
public final class SampleChunk {
    public static final SampleChunk EMPTY = new SampleChunk(new long[0], new double[0], 0, 0);

    private final long[] timestamps;
    private final double[] values;
    private final int from;
    private final int to;

    public SampleChunk(long[] timestamps, double[] values, int from, int to) {
        if (from < 0 || to < from || to > timestamps.length || to > values.length) {
            throw new IllegalArgumentException("bad chunk bounds " + from + ".." + to);
        }
        this.timestamps = timestamps;
        this.values = values;
        this.from = from;
        this.to = to;
    }

    public long[] timestamps() {
        return timestamps;
    }

    public double[] values() {
        return values;
    }

    /** First sample (inclusive). */
    public int from() {
        return from;
    }

    /** End of the samples (exclusive). */
    public int to() {
        return to;
    }

    public int size() {
        return to - from;
    }
}
