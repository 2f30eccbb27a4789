package io.weir.search.index;

import io.weir.promql.model.Labels;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.roaringbitmap.RoaringBitmap;

/** Builds a {@link SeriesIndex} one series at a time; ids are given in order of addition. */
public final class Builder {
    private final long paneMillis;
    private final double accuracy;
    private final List<Labels> series = new ArrayList<>();
    private final Set<Labels> seen = new HashSet<>();
    private final Map<String, RoaringBitmap> tokens = new HashMap<>();
    private final Map<String, RoaringBitmap> labelNames = new HashMap<>();
    private final Map<String, Map<String, RoaringBitmap>> labelValues = new HashMap<>();
    private final List<PaneSketches.SeriesPanes> panes = new ArrayList<>();

    Builder(long paneMillis, double accuracy) {
        if (paneMillis <= 0) {
            throw new IllegalArgumentException("pane width must be positive");
        }
        if (!(accuracy > 0 && accuracy < 1)) {
            throw new IllegalArgumentException("relative accuracy must be in (0, 1)");
        }
        this.paneMillis = paneMillis;
        this.accuracy = accuracy;
    }

    /**
     * Adds a series and its samples {@code [from, to)}, ascending by time; returns its id.
     *
     * @throws IllegalArgumentException when the series was added before or times go backwards
     */
    public int addSeries(Labels labels, long[] ts, double[] vs, int from, int to) {
        if (!seen.add(labels)) {
            throw new IllegalArgumentException("series added twice: " + labels);
        }
        for (int i = from + 1; i < to; i++) {
            if (ts[i] < ts[i - 1]) {
                throw new IllegalArgumentException("samples out of order in " + labels);
            }
        }
        int id = series.size();
        series.add(labels);
        Set<String> toks = new HashSet<>();
        for (int i = 0; i < labels.size(); i++) {
            String name = labels.name(i);
            String value = labels.value(i);
            Tokenizer.addTokens(value, toks);
            labelNames.computeIfAbsent(name, k -> new RoaringBitmap()).add(id);
            labelValues
                    .computeIfAbsent(name, k -> new HashMap<>())
                    .computeIfAbsent(value, k -> new RoaringBitmap())
                    .add(id);
        }
        for (String t : toks) {
            tokens.computeIfAbsent(t, k -> new RoaringBitmap()).add(id);
        }
        panes.add(PaneSketches.SeriesPanes.of(ts, vs, from, to, paneMillis, accuracy));
        return id;
    }

    public SeriesIndex build() {
        tokens.values().forEach(RoaringBitmap::runOptimize);
        labelNames.values().forEach(RoaringBitmap::runOptimize);
        labelValues.values().forEach(m -> m.values().forEach(RoaringBitmap::runOptimize));
        int n = series.size();
        long[] first = new long[n];
        int[][] offsets = new int[n][];
        byte[][] data = new byte[n][];
        for (int i = 0; i < n; i++) {
            PaneSketches.SeriesPanes p = panes.get(i);
            first[i] = p.firstPane;
            offsets[i] = p.offsets;
            data[i] = p.data;
        }
        panes.clear();
        seen.clear();
        return new SeriesIndex(
                List.copyOf(series),
                tokens,
                labelNames,
                labelValues,
                new PaneSketches(paneMillis, accuracy, first, offsets, data));
    }
}
