package io.weir.server.store;

import io.weir.connectors.codec.ResultKind;
import io.weir.connectors.codec.ResultRecord;
import io.weir.promql.ast.LabelMatcher;
import io.weir.promql.model.Labels;
import io.weir.server.views.ViewListener;
import io.weir.server.views.ViewStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.FlushOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.StringAppendOperator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * The history of every view in RocksDB: values per (view, output series, step), in blocks of an
 * hour laid out for range scans ({@link ViewKeys}). A final value replaces an early value of the
 * same step, and an early value never replaces a final one. Staleness markers are stored bit for
 * bit, so the evaluator reading this store honours them.
 *
 * <p>Every write is one atomic RocksDB batch which may carry the consumed positions of the topics
 * it came from ({@link StreamPosition}): a consumer that seeks to {@link #positions()} on start
 * neither loses nor repeats a result after a crash.
 *
 * <p>Writers are serialised; reads run concurrently with them and with each other.
 */
public final class RocksViewStore implements ViewStore {
    static {
        RocksDB.loadLibrary();
    }

    private static final System.Logger LOG = System.getLogger(RocksViewStore.class.getName());
    private static final byte[] STEPS = "steps".getBytes(StandardCharsets.UTF_8);
    private static final byte[] SERIES = "series".getBytes(StandardCharsets.UTF_8);
    private static final byte[] VIEWS = "views".getBytes(StandardCharsets.UTF_8);

    private final DBOptions dbOptions;
    private final StringAppendOperator append;
    private final List<ColumnFamilyOptions> familyOptions;
    private final List<ColumnFamilyHandle> handles;
    private final RocksDB db;
    private final ColumnFamilyHandle meta;
    private final ColumnFamilyHandle steps;
    private final ColumnFamilyHandle seriesFamily;
    private final ColumnFamilyHandle views;

    /** Serialises writers: the batch a writer builds reads the state the previous one left. */
    private final Object writeLock = new Object();

    /** Guards the in-memory state below, which readers share with the writer. */
    private final Object stateLock = new Object();

    private final Map<String, ViewMeta> metas = new HashMap<>();
    private final Map<Integer, List<ViewSeries>> seriesByView = new HashMap<>();
    private final SeriesIndex<ViewSeries> index = new SeriesIndex<>();
    private int nextViewId;

    private final CopyOnWriteArrayList<ViewListener> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    private RocksViewStore(
            DBOptions dbOptions,
            StringAppendOperator append,
            List<ColumnFamilyOptions> familyOptions,
            RocksDB db,
            List<ColumnFamilyHandle> handles) {
        this.dbOptions = dbOptions;
        this.append = append;
        this.familyOptions = familyOptions;
        this.db = db;
        this.handles = handles;
        this.meta = handles.get(0);
        this.steps = handles.get(1);
        this.seriesFamily = handles.get(2);
        this.views = handles.get(3);
    }

    /** Opens the store in {@code directory}, creating it if missing. */
    public static RocksViewStore open(Path directory) throws IOException {
        Files.createDirectories(directory);
        DBOptions dbOptions =
                new DBOptions().setCreateIfMissing(true).setCreateMissingColumnFamilies(true);
        ColumnFamilyOptions small = new ColumnFamilyOptions();
        // Entries are appended to their block: plain concatenation, no separator.
        StringAppendOperator append = new StringAppendOperator("");
        // Blocks of small fixed-width entries: LZ4 on the way, ZSTD where data settles.
        ColumnFamilyOptions stepOptions =
                new ColumnFamilyOptions()
                        .setMergeOperator(append)
                        .setCompressionType(CompressionType.LZ4_COMPRESSION)
                        .setBottommostCompressionType(CompressionType.ZSTD_COMPRESSION)
                        .setTableFormatConfig(new BlockBasedTableConfig().setBlockSize(16 * 1024));
        List<ColumnFamilyOptions> familyOptions = List.of(small, stepOptions);
        List<ColumnFamilyDescriptor> families =
                List.of(
                        new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, small),
                        new ColumnFamilyDescriptor(STEPS, stepOptions),
                        new ColumnFamilyDescriptor(SERIES, small),
                        new ColumnFamilyDescriptor(VIEWS, small));
        List<ColumnFamilyHandle> handles = new ArrayList<>();
        RocksDB db;
        try {
            db = RocksDB.open(dbOptions, directory.toString(), families, handles);
        } catch (RocksDBException e) {
            dbOptions.close();
            familyOptions.forEach(ColumnFamilyOptions::close);
            append.close();
            throw new IOException("cannot open view store " + directory + ": " + e.getMessage(), e);
        }
        RocksViewStore store = new RocksViewStore(dbOptions, append, familyOptions, db, handles);
        try {
            store.load();
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        return store;
    }

    private void load() {
        try (RocksIterator it = db.newIterator(views)) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                ViewMeta m = ViewMeta.decode(it.value());
                metas.put(ViewKeys.viewName(it.key()), m);
                nextViewId = Math.max(nextViewId, m.id() + 1);
            }
        }
        try (RocksIterator it = db.newIterator(seriesFamily)) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                byte[] value = it.value();
                ViewSeries s =
                        new ViewSeries(
                                ViewKeys.seriesId(it.key()),
                                ViewKeys.seriesView(value),
                                StoreKeys.decodeLabels(ViewKeys.seriesLabels(value)),
                                db,
                                steps,
                                false);
                index.addWithPostings(s);
                seriesByView.computeIfAbsent(s.viewId(), k -> new ArrayList<>()).add(s);
            }
        }
    }

    @Override
    public void write(List<ResultRecord> results) throws IOException {
        write(results, List.of());
    }

    /**
     * Stores results, in the order they were committed to the results topic, and the positions
     * consumed up to them, in one atomic batch; then tells every listener which results were stored
     * (an early result for a step that is already final is not, nor is a result of a dropped view).
     */
    public void write(List<ResultRecord> results, List<StreamPosition> positions)
            throws IOException {
        List<ResultRecord> stored = new ArrayList<>(results.size());
        synchronized (writeLock) {
            Map<String, ViewMeta> changed = new HashMap<>();
            Map<Labels, ViewSeries> created = new HashMap<>();
            Map<ViewSeries, Long> finals = new HashMap<>();
            try (WriteBatch batch = new WriteBatch();
                    WriteOptions options = new WriteOptions()) {
                for (ResultRecord r : results) {
                    ViewMeta m = changed.get(r.view());
                    if (m == null) {
                        m = metaOf(r.view());
                    }
                    if (m == null) {
                        m = new ViewMeta(allocateViewId(), false, 0, Long.MIN_VALUE);
                        changed.put(r.view(), m);
                    }
                    if (m.dropped()) {
                        continue;
                    }
                    ViewSeries s = seriesFor(m.id(), r, created, batch);
                    long step = r.stepMillis();
                    // Finals of one series come in step order (one partition, in order), so an
                    // early value at or before the newest final step is stale: not stored, not
                    // told. (A read would let the final win anyway.)
                    long lastFinal = finals.getOrDefault(s, Long.MIN_VALUE);
                    if (r.kind() == ResultKind.EARLY
                            && step <= Math.max(lastFinal, s.lastFinal())) {
                        continue;
                    }
                    byte kind = r.kind() == ResultKind.FINAL ? ViewKeys.FINAL : ViewKeys.EARLY;
                    long block = ViewKeys.blockOf(step);
                    batch.merge(
                            steps,
                            ViewKeys.blockKey(m.id(), s.id(), block),
                            ViewKeys.entry(block, step, kind, r.value()));
                    if (r.kind() == ResultKind.FINAL) {
                        finals.put(s, Math.max(lastFinal, step));
                    }
                    if (r.kind() == ResultKind.FINAL && r.stepMillis() > m.lastFinalStep()) {
                        m = m.withLastFinalStep(r.stepMillis());
                        changed.put(r.view(), m);
                    }
                    stored.add(r);
                }
                for (Map.Entry<String, ViewMeta> e : changed.entrySet()) {
                    batch.put(views, ViewKeys.viewKey(e.getKey()), e.getValue().encode());
                }
                Positions.put(batch, meta, positions);
                db.write(options, batch);
            } catch (RocksDBException e) {
                throw new IOException("cannot write view results: " + e.getMessage(), e);
            }
            finals.forEach(ViewSeries::noteFinal);
            synchronized (stateLock) {
                metas.putAll(changed);
                for (ViewSeries s : created.values()) {
                    index.addWithPostings(s);
                    seriesByView.computeIfAbsent(s.viewId(), k -> new ArrayList<>()).add(s);
                }
            }
        }
        tell(stored);
    }

    private void tell(List<ResultRecord> stored) {
        if (stored.isEmpty()) {
            return;
        }
        List<ResultRecord> view = List.copyOf(stored);
        for (ViewListener l : listeners) {
            try {
                l.stored(view);
            } catch (RuntimeException e) {
                // One failing listener must not stop the store or the other listeners.
                LOG.log(System.Logger.Level.WARNING, "view listener failed", e);
            }
        }
    }

    private ViewMeta metaOf(String view) {
        synchronized (stateLock) {
            return metas.get(view);
        }
    }

    private int allocateViewId() {
        synchronized (stateLock) {
            return nextViewId++;
        }
    }

    /** The stored series of a result, created in {@code batch} when it is new. */
    private ViewSeries seriesFor(
            int viewId, ResultRecord r, Map<Labels, ViewSeries> created, WriteBatch batch)
            throws RocksDBException {
        Labels labels = r.series().toBuilder().set(Labels.METRIC_NAME, r.view()).build();
        ViewSeries s = created.get(labels);
        if (s == null) {
            synchronized (stateLock) {
                s = index.get(labels);
            }
        }
        if (s != null && s.viewId() == viewId) {
            return s;
        }
        int id;
        synchronized (stateLock) {
            id = index.nextId() + created.size();
        }
        s = new ViewSeries(id, viewId, labels, db, steps, true);
        created.put(labels, s);
        batch.put(
                seriesFamily,
                ViewKeys.seriesKey(id),
                ViewKeys.seriesValue(viewId, StoreKeys.encodeLabels(labels)));
        return s;
    }

    /**
     * Makes a view known with its retention (0 keeps everything), together with the consumed
     * positions of the control topic. A view registered again after a drop starts empty.
     */
    public void register(String view, long retentionMillis, List<StreamPosition> positions)
            throws IOException {
        if (retentionMillis < 0) {
            throw new IllegalArgumentException("negative retention");
        }
        synchronized (writeLock) {
            ViewMeta old = metaOf(view);
            ViewMeta next =
                    old == null || old.dropped()
                            ? new ViewMeta(allocateViewId(), false, retentionMillis, Long.MIN_VALUE)
                            : new ViewMeta(old.id(), false, retentionMillis, old.lastFinalStep());
            try (WriteBatch batch = new WriteBatch();
                    WriteOptions options = new WriteOptions()) {
                batch.put(views, ViewKeys.viewKey(view), next.encode());
                Positions.put(batch, meta, positions);
                db.write(options, batch);
            } catch (RocksDBException e) {
                throw new IOException("cannot register view " + view + ": " + e.getMessage(), e);
            }
            synchronized (stateLock) {
                metas.put(view, next);
            }
        }
    }

    @Override
    public void drop(String view) throws IOException {
        drop(view, List.of());
    }

    /**
     * Deletes a view's history and remembers it as dropped (results still on their way are then
     * ignored), together with the consumed positions of the control topic.
     */
    public void drop(String view, List<StreamPosition> positions) throws IOException {
        synchronized (writeLock) {
            ViewMeta old = metaOf(view);
            int id = old == null ? allocateViewId() : old.id();
            ViewMeta dropped = new ViewMeta(id, true, 0, Long.MIN_VALUE);
            List<ViewSeries> gone;
            synchronized (stateLock) {
                gone = List.copyOf(seriesByView.getOrDefault(id, List.of()));
            }
            boolean hadData = old != null && !old.dropped();
            try (WriteBatch batch = new WriteBatch();
                    WriteOptions options = new WriteOptions()) {
                batch.put(views, ViewKeys.viewKey(view), dropped.encode());
                if (hadData) {
                    batch.deleteRange(steps, ViewKeys.viewPrefix(id), ViewKeys.viewPrefix(id + 1));
                    for (ViewSeries s : gone) {
                        batch.delete(seriesFamily, ViewKeys.seriesKey(s.id()));
                    }
                }
                Positions.put(batch, meta, positions);
                db.write(options, batch);
            } catch (RocksDBException e) {
                throw new IOException("cannot drop view " + view + ": " + e.getMessage(), e);
            }
            synchronized (stateLock) {
                metas.put(view, dropped);
                seriesByView.remove(id);
                gone.forEach(index::remove);
            }
            if (hadData) {
                try {
                    // Give the space back now rather than whenever compaction reaches the range.
                    db.compactRange(steps, ViewKeys.viewPrefix(id), ViewKeys.viewPrefix(id + 1));
                } catch (RocksDBException e) {
                    LOG.log(System.Logger.Level.WARNING, "cannot compact dropped view " + view, e);
                }
            }
        }
    }

    /**
     * Deletes, for every view with a retention, the blocks of steps wholly older than its newest
     * final step minus its retention (measured from the view's own data, as Prometheus measures
     * retention from its newest block, so that replayed or backfilled history is not deleted on
     * arrival).
     *
     * @return the number of series that lost steps
     */
    public int applyRetention() throws IOException {
        int trimmed = 0;
        synchronized (writeLock) {
            Map<ViewMeta, List<ViewSeries>> due = new HashMap<>();
            synchronized (stateLock) {
                for (ViewMeta m : metas.values()) {
                    if (!m.dropped()
                            && m.retentionMillis() > 0
                            && m.lastFinalStep() != Long.MIN_VALUE) {
                        due.put(m, List.copyOf(seriesByView.getOrDefault(m.id(), List.of())));
                    }
                }
            }
            try (WriteBatch batch = new WriteBatch();
                    WriteOptions options = new WriteOptions();
                    RocksIterator it = db.newIterator(steps)) {
                for (Map.Entry<ViewMeta, List<ViewSeries>> e : due.entrySet()) {
                    ViewMeta m = e.getKey();
                    // Whole blocks only: the block holding the cutoff is kept.
                    long cutoff = ViewKeys.blockOf(m.lastFinalStep() - m.retentionMillis());
                    for (ViewSeries s : e.getValue()) {
                        byte[] first = ViewKeys.blockKey(m.id(), s.id(), Long.MIN_VALUE);
                        it.seek(first);
                        if (it.isValid()
                                && ViewKeys.isBlockOf(it.key(), m.id(), s.id())
                                && ViewKeys.blockStart(it.key()) < cutoff) {
                            // Only series with something to delete get a range tombstone.
                            batch.deleteRange(
                                    steps, first, ViewKeys.blockKey(m.id(), s.id(), cutoff));
                            trimmed++;
                        }
                    }
                }
                if (trimmed > 0) {
                    db.write(options, batch);
                }
            } catch (RocksDBException e) {
                throw new IOException("cannot apply view retention: " + e.getMessage(), e);
            }
        }
        return trimmed;
    }

    @Override
    public OptionalLong lastFinalStep(String view) {
        ViewMeta m = metaOf(view);
        return m == null || m.dropped() || m.lastFinalStep() == Long.MIN_VALUE
                ? OptionalLong.empty()
                : OptionalLong.of(m.lastFinalStep());
    }

    /** The names of the views the store holds (registered or with results), sorted. */
    public List<String> viewNames() {
        synchronized (stateLock) {
            return metas.entrySet().stream()
                    .filter(e -> !e.getValue().dropped())
                    .map(Map.Entry::getKey)
                    .sorted()
                    .toList();
        }
    }

    /** The consumed positions stored with the data, where a consumer resumes. */
    public List<StreamPosition> positions() {
        return Positions.read(db, meta);
    }

    @Override
    public AutoCloseable subscribe(ViewListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public List<StoredSeries> select(List<LabelMatcher> matchers, long minTime, long maxTime) {
        synchronized (stateLock) {
            return new ArrayList<>(index.select(matchers));
        }
    }

    @Override
    public List<String> labelNames() {
        synchronized (stateLock) {
            return index.labelNames();
        }
    }

    @Override
    public List<String> labelValues(String name) {
        synchronized (stateLock) {
            return index.labelValues(name);
        }
    }

    /** Flushes memtables and compacts the steps, then returns their size on disk in bytes. */
    public long compactedStepBytes() throws IOException {
        try (FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
            db.flush(flush, steps);
            db.compactRange(steps);
            return Long.parseLong(db.getProperty(steps, "rocksdb.total-sst-files-size"));
        } catch (RocksDBException e) {
            throw new IOException("cannot compact view store: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        synchronized (writeLock) {
            if (closed) {
                return;
            }
            closed = true;
            handles.forEach(ColumnFamilyHandle::close);
            db.close();
            dbOptions.close();
            familyOptions.forEach(ColumnFamilyOptions::close);
            append.close();
        }
    }
}
