package io.weir.server.store;

import io.weir.promql.ast.LabelMatcher;
import io.weir.promql.eval.SampleStore;
import io.weir.promql.model.Labels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.rocksdb.FlushOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * Raw samples in RocksDB, compressed per series into chunks ({@link ChunkCodec}), behind the
 * evaluator's {@link SampleStore} port. The key layout is in {@link StoreKeys}.
 *
 * <p>Each series keeps one open head chunk in memory; it is cut into a closed chunk when it is full
 * ({@link StoreOptions#chunkSamples()} samples or {@link StoreOptions#chunkSpanMillis()} of time)
 * and on {@link #flush()}. Nothing appended reaches RocksDB before a {@link #commit}, which writes
 * the closed chunks and a copy of every changed head, with the consumed positions of the feed, in
 * one atomic batch: after a crash the store holds exactly what was appended up to the last commit
 * and the positions to resume from. Out-of-order samples are accepted while they fall into the
 * head; once a head is cut, samples at or before its newest timestamp are rejected, and {@link
 * #append} says so.
 *
 * <p>The series index (labels and postings) is written to RocksDB when a series first appears and
 * read back into memory on open, so a reopened store answers exactly as before. Matcher selection
 * has the same semantics as {@code MemorySampleStore}: regexes are fully anchored RE2.
 *
 * <p>Thread-safe: reads run concurrently; appends to one series are serialised.
 */
public final class RocksSampleStore implements SampleStore, AutoCloseable {
    static {
        RocksDB.loadLibrary();
    }

    private final Options dbOptions;
    private final RocksDB db;
    private final StoreOptions options;
    private final SeriesIndex<RocksSeries> index = new SeriesIndex<>();
    private volatile long retentionCutoff = Long.MIN_VALUE;

    /** Appends and reads share it; a commit takes it exclusively (see {@link RocksSeries}). */
    private final ReentrantReadWriteLock commitLock = new ReentrantReadWriteLock();

    /** Series appended to since the last commit. */
    private final Set<RocksSeries> dirty = ConcurrentHashMap.newKeySet();

    private RocksSampleStore(Options dbOptions, RocksDB db, StoreOptions options) {
        this.dbOptions = dbOptions;
        this.db = db;
        this.options = options;
    }

    /** Opens the store in {@code directory}, creating it if missing. */
    public static RocksSampleStore open(Path directory, StoreOptions options) throws IOException {
        Files.createDirectories(directory);
        Options dbOptions = new Options().setCreateIfMissing(true);
        try {
            RocksDB db = RocksDB.open(dbOptions, directory.toString());
            RocksSampleStore store = new RocksSampleStore(dbOptions, db, options);
            try {
                store.loadIndex();
            } catch (RuntimeException e) {
                store.close();
                throw e;
            }
            return store;
        } catch (RocksDBException e) {
            dbOptions.close();
            throw new IOException(
                    "cannot open sample store " + directory + ": " + e.getMessage(), e);
        }
    }

    private void loadIndex() {
        try (RocksIterator it = db.newIterator()) {
            for (it.seek(new byte[] {StoreKeys.SERIES}); it.isValid(); it.next()) {
                byte[] key = it.key();
                if (key[0] != StoreKeys.SERIES) {
                    break;
                }
                int id = StoreKeys.seriesId(key);
                Labels labels = StoreKeys.decodeLabels(it.value());
                index.addSeries(
                        new RocksSeries(
                                id, labels, db, options, commitLock.readLock(), newestWritten(id)));
            }
            for (it.seek(new byte[] {StoreKeys.HEAD}); it.isValid(); it.next()) {
                byte[] key = it.key();
                if (key[0] != StoreKeys.HEAD) {
                    break;
                }
                RocksSeries s = index.byId(StoreKeys.seriesId(key));
                if (s != null) {
                    s.restoreHead(ChunkCodec.decode(it.value(), StoreKeys.CHUNK_OFFSET));
                }
            }
            for (it.seek(new byte[] {StoreKeys.POSTING}); it.isValid(); it.next()) {
                byte[] key = it.key();
                if (key[0] != StoreKeys.POSTING) {
                    break;
                }
                StoreKeys.Posting p = StoreKeys.posting(key);
                index.addPosting(p.name(), p.value(), p.seriesId());
            }
        }
    }

    private long newestWritten(int id) {
        try (RocksIterator it = db.newIterator()) {
            it.seekForPrev(StoreKeys.chunkKey(id, Long.MAX_VALUE));
            if (it.isValid() && StoreKeys.isChunkOf(it.key(), id)) {
                return StoreKeys.chunkMaxTime(it.value());
            }
            return Long.MIN_VALUE;
        }
    }

    /**
     * Appends one sample. Staleness markers are stored like any value, bit for bit.
     *
     * @return accepted, or rejected with the reason (out of order behind written data, or older
     *     than the retention cutoff)
     */
    public AppendResult append(Labels labels, long timestampMillis, double value)
            throws IOException {
        RocksSeries s;
        try {
            s = seriesFor(labels);
        } catch (RocksDBException e) {
            throw new IOException("cannot write series " + labels + ": " + e.getMessage(), e);
        }
        commitLock.readLock().lock();
        try {
            AppendResult r = s.append(timestampMillis, value, retentionCutoff);
            if (r.accepted()) {
                dirty.add(s);
            }
            return r;
        } finally {
            commitLock.readLock().unlock();
        }
    }

    /**
     * Writes everything appended since the last commit (closed chunks and the changed heads) and
     * {@code positions} in one atomic batch.
     */
    public void commit(List<StreamPosition> positions) throws IOException {
        commitLock.writeLock().lock();
        try (WriteBatch batch = new WriteBatch();
                WriteOptions write = new WriteOptions()) {
            IdentityHashMap<RocksSeries, Integer> carried = new IdentityHashMap<>();
            for (RocksSeries s : dirty) {
                carried.put(s, s.collect(batch));
            }
            Positions.put(batch, positions);
            db.write(write, batch);
            carried.forEach(RocksSeries::committed);
            dirty.clear();
        } catch (RocksDBException e) {
            throw new IOException("cannot commit samples: " + e.getMessage(), e);
        } finally {
            commitLock.writeLock().unlock();
        }
    }

    /** The consumed positions stored with the samples, where a consumer resumes. */
    public List<StreamPosition> positions() {
        return Positions.read(db, null);
    }

    private RocksSeries seriesFor(Labels labels) throws RocksDBException {
        synchronized (index) {
            RocksSeries s = index.get(labels);
            if (s != null) {
                return s;
            }
            int id = index.nextId();
            try (WriteBatch batch = new WriteBatch();
                    WriteOptions write = new WriteOptions()) {
                batch.put(StoreKeys.seriesKey(id), StoreKeys.encodeLabels(labels));
                for (int i = 0; i < labels.size(); i++) {
                    batch.put(
                            StoreKeys.postingKey(labels.name(i), labels.value(i), id), new byte[0]);
                }
                db.write(write, batch);
            }
            s = new RocksSeries(id, labels, db, options, commitLock.readLock(), Long.MIN_VALUE);
            index.addSeries(s);
            for (int i = 0; i < labels.size(); i++) {
                index.addPosting(labels.name(i), labels.value(i), id);
            }
            return s;
        }
    }

    /** Cuts every head chunk, commits, and writes RocksDB's memtables to disk. */
    public void flush() throws IOException {
        commitLock.readLock().lock();
        try {
            for (RocksSeries s : allSeries()) {
                s.cutHead();
                dirty.add(s);
            }
        } finally {
            commitLock.readLock().unlock();
        }
        commit(List.of());
        try {
            try (FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
                db.flush(flush);
            }
        } catch (RocksDBException e) {
            throw new IOException("cannot flush sample store: " + e.getMessage(), e);
        }
    }

    /** Compacts all of RocksDB's files (after bulk loads and retention, to reclaim space). */
    public void compact() throws IOException {
        try {
            db.compactRange();
        } catch (RocksDBException e) {
            throw new IOException("cannot compact sample store: " + e.getMessage(), e);
        }
    }

    /**
     * Drops the written chunks whose newest sample is older than {@code nowMillis} minus the
     * retention, and from then on rejects samples older than that cutoff. A chunk that straddles
     * the cutoff is kept whole. Does nothing when the retention is 0. The cutoff is not persisted:
     * a reopened store rejects old samples again once this has been called.
     *
     * @return the number of chunks dropped
     */
    public long applyRetention(long nowMillis) throws IOException {
        if (options.retentionMillis() == 0) {
            return 0;
        }
        long cutoff = nowMillis - options.retentionMillis();
        retentionCutoff = Math.max(retentionCutoff, cutoff);
        long dropped = 0;
        try (RocksIterator it = db.newIterator();
                WriteBatch batch = new WriteBatch();
                WriteOptions write = new WriteOptions()) {
            for (it.seek(new byte[] {StoreKeys.CHUNK}); it.isValid(); it.next()) {
                byte[] key = it.key();
                if (key[0] != StoreKeys.CHUNK) {
                    break;
                }
                if (StoreKeys.chunkMaxTime(it.value()) < cutoff) {
                    batch.delete(key);
                    dropped++;
                }
            }
            db.write(write, batch);
        } catch (RocksDBException e) {
            throw new IOException("cannot apply retention: " + e.getMessage(), e);
        }
        return dropped;
    }

    /** The number of series in the index. */
    public int seriesCount() {
        synchronized (index) {
            return index.size();
        }
    }

    private List<RocksSeries> allSeries() {
        synchronized (index) {
            return index.all();
        }
    }

    @Override
    public List<StoredSeries> select(List<LabelMatcher> matchers, long minTime, long maxTime) {
        List<RocksSeries> found;
        synchronized (index) {
            found = index.select(matchers);
        }
        return new ArrayList<>(found);
    }

    @Override
    public List<String> labelNames() {
        synchronized (index) {
            return index.labelNames();
        }
    }

    @Override
    public List<String> labelValues(String name) {
        synchronized (index) {
            return index.labelValues(name);
        }
    }

    /**
     * Closes RocksDB without committing, losing what was appended since the last commit, as a
     * killed process would; for tests.
     */
    void abandon() {
        db.close();
        dbOptions.close();
    }

    /** Commits the head chunks and closes RocksDB. */
    @Override
    public void close() throws IOException {
        try {
            flush();
        } finally {
            db.close();
            dbOptions.close();
        }
    }
}
