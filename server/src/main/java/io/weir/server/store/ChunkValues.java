package io.weir.server.store;

import java.util.Arrays;
import org.rocksdb.RocksIterator;

/**
 * The stored chunk values one read decodes, copied one after the other into a byte array that the
 * reading thread keeps from read to read: RocksDB copies each value straight into it, with no array
 * allocated per chunk. Not thread-safe: a thread takes its own with {@link #forThisThread()} and
 * gives it back with {@link #release()} once decoded.
 */
final class ChunkValues {
    /** A thread keeps a buffer up to this size for its next read; a larger one is dropped. */
    private static final int KEPT_BYTES = 1 << 20;

    private static final ThreadLocal<ChunkValues> PER_THREAD =
            ThreadLocal.withInitial(ChunkValues::new);

    private final byte[] key = new byte[StoreKeys.CHUNK_KEY_BYTES];
    private byte[] bytes = new byte[16 * 1024];
    private int used;
    private int[] starts = new int[64];
    private int count;
    private int samples;

    private ChunkValues() {}

    /** This thread's buffer, emptied. */
    static ChunkValues forThisThread() {
        ChunkValues v = PER_THREAD.get();
        v.used = 0;
        v.count = 0;
        v.samples = 0;
        return v;
    }

    /** Ends a read: a buffer grown past {@link #KEPT_BYTES} is not kept for the next. */
    void release() {
        if (bytes.length > KEPT_BYTES) {
            bytes = new byte[16 * 1024];
        }
        if (starts.length > KEPT_BYTES / 64) {
            starts = new int[64];
        }
    }

    /**
     * Whether the key under the iterator is a chunk of {@code seriesId} that starts at or before
     * {@code maxStart}; read into an array kept for it.
     */
    boolean keyIsChunkOf(RocksIterator it, int seriesId, long maxStart) {
        return it.key(key) == key.length
                && StoreKeys.isChunkOf(key, seriesId)
                && StoreKeys.chunkStart(key) <= maxStart;
    }

    /**
     * Copies the value under the iterator, unless its chunk's newest sample is before {@code
     * minTime}.
     */
    void addValueOf(RocksIterator it, long minTime) {
        int room = bytes.length - used;
        int size = it.value(bytes, used, room);
        if (size > room) {
            grow(size);
            it.value(bytes, used, size);
        }
        append(size, minTime);
    }

    /** Copies a chunk value held in memory. */
    void add(byte[] value) {
        if (value.length > bytes.length - used) {
            grow(value.length);
        }
        System.arraycopy(value, 0, bytes, used, value.length);
        append(value.length, Long.MIN_VALUE);
    }

    private void append(int size, long minTime) {
        if (StoreKeys.chunkMaxTime(bytes, used) < minTime) {
            return; // the chunk before the range: dropped, its bytes overwritten by the next
        }
        if (count == starts.length) {
            starts = Arrays.copyOf(starts, count * 2);
        }
        starts[count++] = used;
        samples += ChunkCodec.count(bytes, used + StoreKeys.CHUNK_OFFSET);
        used += size;
    }

    private void grow(int more) {
        bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, used + more));
    }

    /** The buffer the values are in; valid until the next call that adds. */
    byte[] bytes() {
        return bytes;
    }

    /** The number of chunk values held. */
    int size() {
        return count;
    }

    /** Where the {@code i}th value starts in {@link #bytes()}. */
    int start(int i) {
        return starts[i];
    }

    /** The samples of all values held, from their headers. */
    int sampleCount() {
        return samples;
    }
}
