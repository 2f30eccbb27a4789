package io.weir.server.store;

/**
 * Settings of a {@link RocksSampleStore}.
 *
 * @param chunkSamples a head chunk is cut once it holds this many samples (Prometheus: 120)
 * @param chunkSpanMillis ... or once a new sample lies this far after the chunk's first one
 * @param retentionMillis how long samples are kept, measured back from the time given to {@link
 *     RocksSampleStore#applyRetention}; 0 keeps everything
 */
public record StoreOptions(int chunkSamples, long chunkSpanMillis, long retentionMillis) {
    public StoreOptions {
        if (chunkSamples < 1 || chunkSamples > ChunkCodec.MAX_SAMPLES) {
            throw new IllegalArgumentException("chunkSamples outside 1.." + ChunkCodec.MAX_SAMPLES);
        }
        if (chunkSpanMillis < 1 || retentionMillis < 0) {
            throw new IllegalArgumentException(
                    "chunk span must be positive, retention not negative");
        }
    }

    /** 120 samples or 2 hours per chunk, kept forever. */
    public static StoreOptions defaults() {
        return new StoreOptions(120, 2 * 3_600_000L, 0);
    }

    public StoreOptions withRetentionMillis(long millis) {
        return new StoreOptions(chunkSamples, chunkSpanMillis, millis);
    }
}
