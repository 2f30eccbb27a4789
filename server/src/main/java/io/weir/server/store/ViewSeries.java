package io.weir.server.store;

import io.weir.promql.eval.SampleChunk;
import io.weir.promql.eval.SampleStore;
import io.weir.promql.model.Labels;
import java.util.Arrays;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;

/**
 * One output series of a view in a {@link RocksViewStore}; its labels carry the view's name as
 * {@code __name__}. A read is one seek into the steps column family and a bounded forward scan.
 */
final class ViewSeries implements SampleStore.StoredSeries, IndexedSeries {
    private final int id;
    private final int viewId;
    private final Labels labels;
    private final RocksDB db;
    private final ColumnFamilyHandle steps;

    ViewSeries(int id, int viewId, Labels labels, RocksDB db, ColumnFamilyHandle steps) {
        this.id = id;
        this.viewId = viewId;
        this.labels = labels;
        this.db = db;
        this.steps = steps;
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

    /** The first key after this series' steps up to {@code maxTime}. */
    private byte[] upperBound(long maxTime) {
        return maxTime == Long.MAX_VALUE
                ? ViewKeys.stepKey(viewId, id + 1, Long.MIN_VALUE)
                : ViewKeys.stepKey(viewId, id, maxTime + 1);
    }

    @Override
    public SampleChunk read(long minTime, long maxTime) {
        if (minTime > maxTime) {
            return SampleChunk.EMPTY;
        }
        long[] ts = new long[16];
        double[] vs = new double[16];
        int n = 0;
        try (Slice upper = new Slice(upperBound(maxTime));
                ReadOptions options = new ReadOptions().setIterateUpperBound(upper);
                RocksIterator it = db.newIterator(steps, options)) {
            for (it.seek(ViewKeys.stepKey(viewId, id, minTime)); it.isValid(); it.next()) {
                byte[] key = it.key();
                if (!ViewKeys.isStepOf(key, viewId, id)) {
                    break;
                }
                if (n == ts.length) {
                    ts = Arrays.copyOf(ts, n * 2);
                    vs = Arrays.copyOf(vs, n * 2);
                }
                ts[n] = ViewKeys.step(key);
                vs[n] = ViewKeys.value(it.value());
                n++;
            }
        }
        return n == 0 ? SampleChunk.EMPTY : new SampleChunk(ts, vs, 0, n);
    }
}
