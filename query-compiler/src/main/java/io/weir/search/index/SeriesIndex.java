package io.weir.search.index;

import io.weir.promql.eval.MemorySampleStore;
import io.weir.promql.eval.SampleChunk;
import io.weir.promql.eval.SampleStore;
import io.weir.promql.model.Labels;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.roaringbitmap.RoaringBitmap;

/**
 * What series search reads: series ids {@code 0..n-1} with their labels, postings from tokens,
 * label names and label name=value pairs to series ids, and per-series pane sketches.
 *
 * <p>Postings are shared, never modified: executors combine them with the static {@link
 * RoaringBitmap} operations, which return new bitmaps. Built once by {@link Builder}; read-only
 * afterwards, so any number of searches may run on it at once.
 */
public final class SeriesIndex implements IndexStatistics {
    private static final RoaringBitmap EMPTY = new RoaringBitmap();

    private final List<Labels> series;
    private final Map<String, RoaringBitmap> tokens;
    private final Map<String, RoaringBitmap> labelNames;
    private final Map<String, Map<String, RoaringBitmap>> labelValues;
    private final PaneSketches sketches;
    private final RoaringBitmap all;

    SeriesIndex(
            List<Labels> series,
            Map<String, RoaringBitmap> tokens,
            Map<String, RoaringBitmap> labelNames,
            Map<String, Map<String, RoaringBitmap>> labelValues,
            PaneSketches sketches) {
        this.series = series;
        this.tokens = tokens;
        this.labelNames = labelNames;
        this.labelValues = labelValues;
        this.sketches = sketches;
        this.all = RoaringBitmap.bitmapOfRange(0, series.size());
        this.all.runOptimize();
    }

    /** A builder with panes of {@code paneMillis} and sketches of the given relative accuracy. */
    public static Builder builder(long paneMillis, double relativeAccuracy) {
        return new Builder(paneMillis, relativeAccuracy);
    }

    /** Indexes every series of a store, with all its samples. */
    public static SeriesIndex fromStore(MemorySampleStore store, long paneMillis) {
        Builder b = builder(paneMillis, PaneSketches.DEFAULT_ACCURACY);
        for (SampleStore.StoredSeries s : store.select(List.of(), Long.MIN_VALUE, Long.MAX_VALUE)) {
            SampleChunk c = s.read(Long.MIN_VALUE, Long.MAX_VALUE);
            b.addSeries(s.labels(), c.timestamps(), c.values(), c.from(), c.to());
        }
        return b.build();
    }

    public int size() {
        return series.size();
    }

    public Labels labels(int id) {
        return series.get(id);
    }

    /** Every series id. */
    public RoaringBitmap all() {
        return all;
    }

    /** The series containing the token (already tokenised: lower case, letters and digits). */
    public RoaringBitmap token(String token) {
        return tokens.getOrDefault(token, EMPTY);
    }

    /** The series that have the label. */
    public RoaringBitmap labelName(String name) {
        return labelNames.getOrDefault(name, EMPTY);
    }

    /** The series that have the label with this value. */
    public RoaringBitmap labelValue(String name, String value) {
        return labelValues(name).getOrDefault(value, EMPTY);
    }

    /** Value -> series of one label; empty when no series has it. */
    public Map<String, RoaringBitmap> labelValues(String name) {
        return labelValues.getOrDefault(name, Collections.emptyMap());
    }

    public PaneSketches sketches() {
        return sketches;
    }

    @Override
    public int seriesCount() {
        return series.size();
    }

    @Override
    public int tokenPostingSize(String token) {
        return token(token).getCardinality();
    }

    @Override
    public int labelPostingSize(String name) {
        return labelName(name).getCardinality();
    }

    @Override
    public int labelValuePostingSize(String name, String value) {
        return labelValue(name, value).getCardinality();
    }

    @Override
    public int labelCardinality(String name) {
        return labelValues(name).size();
    }

    @Override
    public int panesPerRange(long rangeMillis) {
        return sketches.panesPerRange(rangeMillis);
    }
}
