package io.weir.server.store;

import java.util.Objects;

/**
 * How far a store has consumed one partition of a topic: the offset of the next record to read.
 * Stores write positions in the same atomic batch as the data read up to them, so after a crash
 * they resume exactly where their data ends.
 */
public record StreamPosition(String topic, int partition, long nextOffset) {
    public StreamPosition {
        Objects.requireNonNull(topic, "topic");
        if (partition < 0 || nextOffset < 0) {
            throw new IllegalArgumentException("negative partition or offset");
        }
    }
}
