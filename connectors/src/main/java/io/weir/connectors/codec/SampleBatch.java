package io.weir.connectors.codec;

import io.weir.promql.model.Labels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Samples of one series: its labels once, then parallel arrays of timestamps (milliseconds, in any
 * order) and values. The unit of a {@code weir.metrics} record. Immutable: the arrays are copied in
 * and out.
 */
public final class SampleBatch {
    private final Labels labels;
    private final long[] timestamps;
    private final double[] values;

    public SampleBatch(Labels labels, long[] timestamps, double[] values) {
        this(Objects.requireNonNull(labels, "labels"), timestamps.clone(), values.clone(), true);
    }

    private SampleBatch(Labels labels, long[] timestamps, double[] values, boolean check) {
        if (check && timestamps.length != values.length) {
            throw new IllegalArgumentException(
                    timestamps.length + " timestamps but " + values.length + " values");
        }
        if (timestamps.length == 0) {
            throw new IllegalArgumentException("a batch holds at least one sample");
        }
        this.labels = labels;
        this.timestamps = timestamps;
        this.values = values;
    }

    /** Takes the arrays without copying; for the decoder, which owns fresh arrays. */
    static SampleBatch wrap(Labels labels, long[] timestamps, double[] values) {
        return new SampleBatch(labels, timestamps, values, true);
    }

    public static SampleBatch of(Labels labels, long timestampMillis, double value) {
        return new SampleBatch(labels, new long[] {timestampMillis}, new double[] {value}, false);
    }

    public Labels labels() {
        return labels;
    }

    public int size() {
        return timestamps.length;
    }

    public long timestamp(int i) {
        return timestamps[i];
    }

    public double value(int i) {
        return values[i];
    }

    public long[] timestamps() {
        return timestamps.clone();
    }

    public double[] values() {
        return values.clone();
    }

    public List<MetricSample> samples() {
        List<MetricSample> out = new ArrayList<>(timestamps.length);
        for (int i = 0; i < timestamps.length; i++) {
            out.add(new MetricSample(labels, timestamps[i], values[i]));
        }
        return out;
    }

    /** Equal labels, timestamps and value bits (so a staleness marker differs from other NaNs). */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof SampleBatch b)) {
            return false;
        }
        if (!labels.equals(b.labels) || !Arrays.equals(timestamps, b.timestamps)) {
            return false;
        }
        for (int i = 0; i < values.length; i++) {
            if (Double.doubleToRawLongBits(values[i]) != Double.doubleToRawLongBits(b.values[i])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return Objects.hash(labels, Arrays.hashCode(timestamps), Arrays.hashCode(values));
    }

    @Override
    public String toString() {
        return labels + " " + Arrays.toString(timestamps) + " " + Arrays.toString(values);
    }
}
