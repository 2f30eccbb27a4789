package io.weir.server.store;

import io.weir.promql.eval.SampleChunk;
import io.weir.promql.eval.SampleStore;
import io.weir.promql.model.Labels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.Lock;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;

/**
 * One series of a {@link RocksSampleStore}: its written chunks live in RocksDB; its open head chunk
 * lives in memory and is cut (full, or spanning too long) into a sealed chunk, which stays in
 * memory until the store commits. A commit writes the sealed chunks and a copy of the head in one
 * batch, so that what RocksDB holds is always a prefix of what was appended, head included.
 *
 * <p>Appends and reads of one series are serialised; reads and appends also hold the store's shared
 * lock, which a commit takes exclusively, so a read never sees a chunk both sealed in memory and
 * written.
 */
final class RocksSeries implements SampleStore.StoredSeries, IndexedSeries {
    private static final AppendResult ACCEPTED = new AppendResult.Accepted();

    private final int id;
    private final Labels labels;
    private final RocksDB db;
    private final StoreOptions options;
    private final Lock shared;

    /** Chunks cut from the head and not yet committed: {@code [key, value]} pairs. */
    private final List<byte[][]> sealed = new ArrayList<>();

    private long[] headTs = new long[8];
    private double[] headVs = new double[8];
    private int headSize;

    /**
     * The newest timestamp in a closed chunk (sealed or written); samples at or before it are
     * rejected.
     */
    private long writtenMaxTime;

    RocksSeries(
            int id,
            Labels labels,
            RocksDB db,
            StoreOptions options,
            Lock shared,
            long writtenMaxTime) {
        this.id = id;
        this.labels = labels;
        this.db = db;
        this.options = options;
        this.shared = shared;
        this.writtenMaxTime = writtenMaxTime;
    }

    /** Restores the head committed before the store was last closed or killed. */
    synchronized void restoreHead(SampleChunk head) {
        headTs = Arrays.copyOfRange(head.timestamps(), head.from(), Math.max(8, head.to()));
        headVs = Arrays.copyOfRange(head.values(), head.from(), Math.max(8, head.to()));
        headSize = head.size();
    }

    @Override
    public int id() {
        return id;
    }

    @Override
    public Labels labels() {
        return labels;
    }

    /**
     * Appends to the head chunk. A sample after the head's newest is the common case; one inside or
     * before the head is inserted in order (or replaces the value at its timestamp); one at or
     * before a sample already written to RocksDB, or older than the retention cutoff, is rejected.
     */
    synchronized AppendResult append(long t, double v, long retentionCutoff) {
        if (t <= writtenMaxTime) {
            return new AppendResult.Rejected(
                    String.format(
                            Locale.ROOT,
                            "out of order sample: %s at %d is not after %d, the newest sample already"
                                    + " written to disk for this series",
                            labels,
                            t,
                            writtenMaxTime));
        }
        if (t < retentionCutoff) {
            return new AppendResult.Rejected(
                    String.format(
                            Locale.ROOT,
                            "too old sample: %s at %d is before the retention cutoff %d",
                            labels,
                            t,
                            retentionCutoff));
        }
        if (headSize == 0 || t > headTs[headSize - 1]) {
            if (headSize > 0
                    && (headSize >= options.chunkSamples()
                            || t - headTs[0] >= options.chunkSpanMillis())) {
                cutHead();
            }
            insert(headSize, t, v);
            return ACCEPTED;
        }
        int at = Arrays.binarySearch(headTs, 0, headSize, t);
        if (at >= 0) {
            headVs[at] = v;
            return ACCEPTED;
        }
        if (headSize >= ChunkCodec.MAX_SAMPLES) {
            return new AppendResult.Rejected(
                    "out of order sample: " + labels + " at " + t + ": the head chunk is full");
        }
        insert(-at - 1, t, v);
        return ACCEPTED;
    }

    private void insert(int at, long t, double v) {
        if (headSize == headTs.length) {
            headTs = Arrays.copyOf(headTs, headSize * 2);
            headVs = Arrays.copyOf(headVs, headSize * 2);
        }
        System.arraycopy(headTs, at, headTs, at + 1, headSize - at);
        System.arraycopy(headVs, at, headVs, at + 1, headSize - at);
        headTs[at] = t;
        headVs[at] = v;
        headSize++;
    }

    /** Seals the head chunk, if any, for the next commit and starts an empty one. */
    synchronized void cutHead() {
        if (headSize == 0) {
            return;
        }
        long maxTime = headTs[headSize - 1];
        byte[] chunk = ChunkCodec.encode(headTs, headVs, 0, headSize);
        sealed.add(
                new byte[][] {
                    StoreKeys.chunkKey(id, headTs[0]), StoreKeys.chunkValue(maxTime, chunk)
                });
        writtenMaxTime = maxTime;
        headSize = 0;
        if (headTs.length > options.chunkSamples() * 2) {
            headTs = new long[8];
            headVs = new double[8];
        }
    }

    /**
     * Adds the sealed chunks and the head (or the head's deletion, when empty) to a commit's batch;
     * the store holds its lock exclusively.
     *
     * @return how many sealed chunks the batch carries, for {@link #committed}
     */
    synchronized int collect(WriteBatch batch) throws RocksDBException {
        for (byte[][] chunk : sealed) {
            batch.put(chunk[0], chunk[1]);
        }
        byte[] headKey = StoreKeys.headKey(id);
        if (headSize == 0) {
            batch.delete(headKey);
        } else {
            byte[] head = ChunkCodec.encode(headTs, headVs, 0, headSize);
            batch.put(headKey, StoreKeys.chunkValue(headTs[headSize - 1], head));
        }
        return sealed.size();
    }

    /** Forgets the first {@code n} sealed chunks, now in RocksDB. */
    synchronized void committed(int n) {
        sealed.subList(0, n).clear();
    }

    @Override
    public SampleChunk read(long minTime, long maxTime) {
        shared.lock();
        try {
            return readLocked(minTime, maxTime);
        } finally {
            shared.unlock();
        }
    }

    private synchronized SampleChunk readLocked(long minTime, long maxTime) {
        if (minTime > maxTime) {
            return SampleChunk.EMPTY;
        }
        Samples out = new Samples();
        if (writtenMaxTime >= minTime) {
            ChunkValues chunks = ChunkValues.forThisThread();
            readWritten(minTime, maxTime, chunks);
            for (byte[][] chunk : sealed) {
                if (StoreKeys.chunkMaxTime(chunk[1]) >= minTime) {
                    chunks.add(chunk[1]);
                }
            }
            // Sized once for every chunk, then decoded in place: no copy per chunk.
            out.reserve(headSize + chunks.sampleCount());
            for (int c = 0; c < chunks.size(); c++) {
                out.addChunk(chunks.bytes(), chunks.start(c), minTime, maxTime);
            }
            chunks.release();
        }
        for (int i = 0; i < headSize; i++) {
            if (headTs[i] >= minTime && headTs[i] <= maxTime) {
                out.add(headTs[i], headVs[i]);
            }
        }
        return out.toChunk();
    }

    /**
     * Copies the written chunks that may hold samples of {@code [minTime, maxTime]}, oldest first,
     * into {@code chunks}. Each chunk costs four calls into RocksDB (valid, key and value into
     * arrays the thread keeps, next) and no allocation. (Bounding the iterator instead saves the
     * key but costs more per read than it saves per chunk: most reads are of a few chunks.)
     */
    private void readWritten(long minTime, long maxTime, ChunkValues chunks) {
        try (RocksIterator it = db.newIterator()) {
            // The chunk that starts at or before minTime may hold it; otherwise start at the first.
            it.seekForPrev(StoreKeys.chunkKey(id, minTime));
            if (!it.isValid() || !chunks.keyIsChunkOf(it, id, maxTime)) {
                it.seek(StoreKeys.chunkKey(id, Long.MIN_VALUE));
            }
            for (; it.isValid() && chunks.keyIsChunkOf(it, id, maxTime); it.next()) {
                chunks.addValueOf(it, minTime);
            }
        }
    }

    /** Growable parallel arrays of the samples one read returns. */
    private static final class Samples {
        private long[] ts = new long[16];
        private double[] vs = new double[16];
        private int n;

        /** Makes room for {@code more} samples after those held. */
        void reserve(int more) {
            if (n + more > ts.length) {
                ts = Arrays.copyOf(ts, n + more);
                vs = Arrays.copyOf(vs, n + more);
            }
        }

        void add(long t, double v) {
            if (n == ts.length) {
                ts = Arrays.copyOf(ts, n * 2);
                vs = Arrays.copyOf(vs, n * 2);
            }
            ts[n] = t;
            vs[n] = v;
            n++;
        }

        /**
         * Decodes the stored chunk value at {@code start} of {@code buffer} after the samples held,
         * keeping those inside the range.
         */
        void addChunk(byte[] buffer, int start, long minTime, long maxTime) {
            reserve(ChunkCodec.count(buffer, start + StoreKeys.CHUNK_OFFSET));
            int from = n;
            int count = ChunkCodec.decodeInto(buffer, start + StoreKeys.CHUNK_OFFSET, ts, vs, from);
            int to = from + count;
            if (ts[from] >= minTime && ts[to - 1] <= maxTime) {
                n = to;
                return;
            }
            // The range cuts this chunk (the first or the last one read): keep the inside.
            for (int i = from; i < to; i++) {
                if (ts[i] >= minTime && ts[i] <= maxTime) {
                    ts[n] = ts[i];
                    vs[n] = vs[i];
                    n++;
                }
            }
        }

        SampleChunk toChunk() {
            return n == 0 ? SampleChunk.EMPTY : new SampleChunk(ts, vs, 0, n);
        }
    }
}
