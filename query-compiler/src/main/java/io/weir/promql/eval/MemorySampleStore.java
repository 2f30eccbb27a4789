package io.weir.promql.eval;

import io.weir.promql.ast.LabelMatcher;
import io.weir.promql.model.Labels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Samples held in memory, per series in primitive arrays (no boxing per sample), with an inverted
 * index from label name and value to series for fast selection.
 *
 * <p>Appends and queries may run concurrently; appends are serialised.
 */
public final class MemorySampleStore implements SampleStore {
    private final Map<Labels, MemorySeries> byLabels = new HashMap<>();
    private final List<MemorySeries> series = new ArrayList<>();

    /** name -> value -> ids of the series with that label, ascending. */
    private final Map<String, Map<String, IntList>> postings = new HashMap<>();

    /**
     * Appends a sample. Samples of a series may arrive in any order; a later append at the same
     * timestamp replaces the value. Staleness markers ({@code StaleNaN}) are stored as samples.
     */
    public void append(Labels labels, long timestampMillis, double value) {
        seriesFor(labels).append(timestampMillis, value);
    }

    /**
     * Appends {@code count} samples of one series at once, with the same rules as {@link #append};
     * the fast path for bulk loading.
     */
    public void appendAll(Labels labels, long[] timestamps, double[] values, int count) {
        seriesFor(labels).appendAll(timestamps, values, count);
    }

    private MemorySeries seriesFor(Labels labels) {
        MemorySeries s;
        synchronized (this) {
            s = byLabels.get(labels);
            if (s == null) {
                s = new MemorySeries(labels);
                int id = series.size();
                series.add(s);
                byLabels.put(labels, s);
                for (int i = 0; i < labels.size(); i++) {
                    postings.computeIfAbsent(labels.name(i), k -> new HashMap<>())
                            .computeIfAbsent(labels.value(i), k -> new IntList())
                            .add(id);
                }
            }
        }
        return s;
    }

    /** Removes every series. */
    public synchronized void clear() {
        byLabels.clear();
        series.clear();
        postings.clear();
    }

    /**
     * Releases the spare capacity that appends leave behind (up to half of the arrays); call it
     * after loading a large data set.
     */
    public void compact() {
        List<MemorySeries> all;
        synchronized (this) {
            all = new ArrayList<>(series);
        }
        all.forEach(MemorySeries::compact);
    }

    /** The number of series held. */
    public synchronized int seriesCount() {
        return series.size();
    }

    @Override
    public List<StoredSeries> select(List<LabelMatcher> matchers, long minTime, long maxTime) {
        List<MemorySeries> candidates = new ArrayList<>();
        synchronized (this) {
            int[] ids = candidateIds(matchers);
            if (ids == null) {
                candidates.addAll(series);
            } else {
                for (int id : ids) {
                    candidates.add(series.get(id));
                }
            }
        }
        List<StoredSeries> out = new ArrayList<>();
        for (MemorySeries s : candidates) {
            if (LabelMatchers.matchesAll(matchers, s.labels())) {
                out.add(s);
            }
        }
        out.sort((a, b) -> a.labels().compareTo(b.labels()));
        return out;
    }

    @Override
    public synchronized List<String> labelNames() {
        List<String> out = new ArrayList<>(postings.keySet());
        Collections.sort(out);
        return out;
    }

    @Override
    public synchronized List<String> labelValues(String name) {
        List<String> out =
                new ArrayList<>(postings.getOrDefault(name, Collections.emptyMap()).keySet());
        Collections.sort(out);
        return out;
    }

    /**
     * Narrows the series by the index: intersects, over every matcher that rejects the empty value,
     * the union of the postings of the values it accepts. Null means "every series" (all matchers
     * accept a missing label). The caller still tests every matcher on the result.
     */
    private int[] candidateIds(List<LabelMatcher> matchers) {
        int[] result = null;
        for (LabelMatcher m : matchers) {
            if (LabelMatchers.matches(m, "")) {
                continue;
            }
            Map<String, IntList> values = postings.getOrDefault(m.name(), Collections.emptyMap());
            int[] ids;
            if (m.op() == LabelMatcher.MatchOp.EQUAL) {
                IntList l = values.get(m.value());
                ids = l == null ? new int[0] : l.toArray();
            } else {
                IntList union = new IntList();
                for (Map.Entry<String, IntList> e : values.entrySet()) {
                    if (LabelMatchers.matches(m, e.getKey())) {
                        union.addAll(e.getValue());
                    }
                }
                ids = union.toArray();
                Arrays.sort(ids);
            }
            result = result == null ? ids : intersect(result, ids);
            if (result.length == 0) {
                return result;
            }
        }
        return result;
    }

    private static int[] intersect(int[] a, int[] b) {
        int[] out = new int[Math.min(a.length, b.length)];
        int i = 0;
        int j = 0;
        int n = 0;
        while (i < a.length && j < b.length) {
            if (a[i] < b[j]) {
                i++;
            } else if (a[i] > b[j]) {
                j++;
            } else {
                out[n++] = a[i];
                i++;
                j++;
            }
        }
        return Arrays.copyOf(out, n);
    }

    /** A growable list of ints. */
    private static final class IntList {
        private int[] a = new int[4];
        private int n;

        void add(int v) {
            if (n == a.length) {
                a = Arrays.copyOf(a, n * 2);
            }
            a[n++] = v;
        }

        void addAll(IntList o) {
            for (int i = 0; i < o.n; i++) {
                add(o.a[i]);
            }
        }

        int[] toArray() {
            return Arrays.copyOf(a, n);
        }
    }
}
