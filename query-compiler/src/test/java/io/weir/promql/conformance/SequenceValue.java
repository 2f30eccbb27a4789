package io.weir.promql.conformance;

import io.weir.promql.model.StaleNaN;

/** One point of an expanded series notation: a float, a gap ({@code _}) or a native histogram. */
sealed interface SequenceValue {

    /** A float sample; {@code stale} is {@link StaleNaN#VALUE}. */
    record FloatValue(double value) implements SequenceValue {
        @Override
        public String toString() {
            return StaleNaN.isStale(value) ? "stale" : Double.toString(value);
        }
    }

    /** No sample at this step ({@code _}). */
    record Omitted() implements SequenceValue {
        @Override
        public String toString() {
            return "_";
        }
    }

    /**
     * A native histogram ({@code {{...}}}); kept as text because native histograms are out of
     * scope: cases that load or expect one are skipped.
     */
    record Histogram(String text) implements SequenceValue {
        @Override
        public String toString() {
            return text;
        }
    }
}
