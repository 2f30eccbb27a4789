package io.weir.server.http;

/**
 * How far the sample store holds every raw sample, for the results cache: a step of a raw-sample
 * query is cached only when the samples it reads are all in the store. A store loaded whole (a
 * file, memory) is {@link #COMPLETE}; a store fed from Kafka is complete only as far as its
 * consumer has caught up.
 */
public interface RawProgress {
    /** A store that holds every sample it will ever hold. */
    RawProgress COMPLETE = () -> Long.MAX_VALUE;

    /**
     * The time (ms) at or before which every raw sample is in the store: {@link Long#MAX_VALUE}
     * when the store is complete, {@link Long#MIN_VALUE} while nothing is known complete.
     */
    long completeUntil();

    /**
     * The results cache may hold answers from raw samples at or before {@code time}: a sample that
     * arrives later for such a time is late (it is counted).
     */
    default void cachedUpTo(long time) {}
}
