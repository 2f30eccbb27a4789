package io.weir.promql.eval;

import io.weir.promql.model.Labels;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/** The result of a query: Prometheus's four result types. */
public sealed interface QueryValue {

    /** A scalar at one time. */
    record Scalar(long timestampMillis, double value) implements QueryValue {}

    /** A string at one time. */
    record StringValue(long timestampMillis, String value) implements QueryValue {}

    /** An instant vector; the order is meaningful only after sort functions and topk. */
    record Vector(List<Sample> samples) implements QueryValue {
        public Vector {
            samples = List.copyOf(samples);
        }
    }

    /**
     * A matrix: the result of a range query, or of an instant query of a range vector. Series are
     * sorted by labels unless the query ordered them.
     */
    record Matrix(List<Series> series) implements QueryValue {
        public Matrix {
            series = List.copyOf(series);
        }
    }

    /** One sample of a vector. */
    record Sample(Labels labels, long timestampMillis, double value) {
        public Sample {
            Objects.requireNonNull(labels, "labels");
        }
    }

    /**
     * One series of a matrix, its points in parallel arrays, timestamps ascending. Primitive arrays
     * keep large results unboxed; equals and hashCode compare their contents.
     */
    @SuppressWarnings("ArrayRecordComponent")
    record Series(Labels labels, long[] timestamps, double[] values) {
        public Series {
            Objects.requireNonNull(labels, "labels");
            if (timestamps.length != values.length) {
                throw new IllegalArgumentException("timestamps and values differ in length");
            }
        }

        public int size() {
            return timestamps.length;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Series s
                    && labels.equals(s.labels)
                    && Arrays.equals(timestamps, s.timestamps)
                    && Arrays.equals(values, s.values);
        }

        @Override
        public int hashCode() {
            return labels.hashCode() * 31 + Arrays.hashCode(timestamps);
        }

        @Override
        public String toString() {
            return labels + " " + Arrays.toString(timestamps) + " " + Arrays.toString(values);
        }
    }
}
