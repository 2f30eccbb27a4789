package io.weir.promql.eval;

import io.weir.promql.model.Labels;

/** Samples held in memory, per series in primitive arrays (no boxing per sample). */
public final class MemorySampleStore implements SampleStore {

    /**
     * Appends a sample. Samples of a series may arrive in any order; a later append at the same
     * timestamp replaces the value. Staleness markers ({@code StaleNaN}) are stored as samples.
     */
    public void append(Labels series, long timestampMillis, double value) {
        throw new UnsupportedOperationException("evaluator not built yet");
    }

    /** Removes every series. */
    public void clear() {
        throw new UnsupportedOperationException("evaluator not built yet");
    }
}
