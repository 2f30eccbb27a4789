package io.weir.server.store;

import io.weir.promql.eval.SampleChunk;
import io.weir.promql.eval.SampleStore;
import io.weir.promql.model.Labels;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;

/**
 * One output series of a view in a {@link RocksViewStore}; its labels carry the view's name as
 * {@code __name__}. A read is one seek into the steps column family and a forward scan over the
 * blocks of the range ({@link ViewKeys}).
 */
final class ViewSeries implements SampleStore.StoredSeries, IndexedSeries {
    private static final long UNKNOWN = Long.MAX_VALUE;

    private final int id;
    private final int viewId;
    private final Labels labels;
    private final RocksDB db;
    private final ColumnFamilyHandle steps;

    /** The newest final step, read from the store when first needed; only the writer uses it. */
    private long lastFinal;

    ViewSeries(
            int id,
            int viewId,
            Labels labels,
            RocksDB db,
            ColumnFamilyHandle steps,
            boolean fresh) {
        this.id = id;
        this.viewId = viewId;
        this.labels = labels;
        this.db = db;
        this.steps = steps;
        this.lastFinal = fresh ? Long.MIN_VALUE : UNKNOWN;
    }

    @Override
    public int id() {
        return id;
    }

    int viewId() {
        return viewId;
    }

    @Override
    public Labels labels() {
        return labels;
    }

    /** The newest step with a final value, {@link Long#MIN_VALUE} for none. */
    long lastFinal() {
        if (lastFinal == UNKNOWN) {
            lastFinal = readLastFinal();
        }
        return lastFinal;
    }

    void noteFinal(long step) {
        lastFinal = Math.max(lastFinal(), step);
    }

    /** Walks back from the newest block to the first that holds a final entry. */
    private long readLastFinal() {
        try (RocksIterator it = db.newIterator(steps)) {
            for (it.seekForPrev(ViewKeys.blockKeyAfter(viewId, id, Long.MAX_VALUE));
                    it.isValid() && ViewKeys.isBlockOf(it.key(), viewId, id);
                    it.prev()) {
                StepEntries e = new StepEntries();
                e.addBlock(
                        ViewKeys.blockStart(it.key()), it.value(), Long.MIN_VALUE, Long.MAX_VALUE);
                long newest = e.newestFinal();
                if (newest != Long.MIN_VALUE) {
                    return newest;
                }
            }
        }
        return Long.MIN_VALUE;
    }

    @Override
    public SampleChunk read(long minTime, long maxTime) {
        if (minTime > maxTime) {
            return SampleChunk.EMPTY;
        }
        StepEntries entries = new StepEntries();
        try (Slice upper = new Slice(ViewKeys.blockKeyAfter(viewId, id, maxTime));
                ReadOptions options = new ReadOptions().setIterateUpperBound(upper);
                RocksIterator it = db.newIterator(steps, options)) {
            for (it.seek(ViewKeys.blockKey(viewId, id, ViewKeys.blockOf(minTime)));
                    it.isValid();
                    it.next()) {
                byte[] key = it.key();
                if (!ViewKeys.isBlockOf(key, viewId, id)) {
                    break;
                }
                entries.addBlock(ViewKeys.blockStart(key), it.value(), minTime, maxTime);
            }
        }
        return entries.toChunk();
    }
}
