package io.weir.server.store;

import io.weir.promql.ast.LabelMatcher;
import io.weir.promql.eval.LabelMatchers;
import io.weir.promql.model.Labels;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.roaringbitmap.RoaringBitmap;

/**
 * The in-memory copy of the persisted series index: labels to series, and postings from label name
 * and value to series ids. Not thread-safe; the store guards it.
 */
final class SeriesIndex<S extends IndexedSeries> {
    private final Map<Labels, S> byLabels = new HashMap<>();
    private final Map<Integer, S> byId = new HashMap<>();

    /** name -> value -> ids; sorted maps so that label names and values come out sorted. */
    private final Map<String, TreeMap<String, RoaringBitmap>> postings = new TreeMap<>();

    private int nextId;

    S get(Labels labels) {
        return byLabels.get(labels);
    }

    S byId(int id) {
        return byId.get(id);
    }

    void addSeries(S s) {
        byLabels.put(s.labels(), s);
        byId.put(s.id(), s);
        nextId = Math.max(nextId, s.id() + 1);
    }

    /** Adds a series and its postings. */
    void addWithPostings(S s) {
        addSeries(s);
        Labels labels = s.labels();
        for (int i = 0; i < labels.size(); i++) {
            addPosting(labels.name(i), labels.value(i), s.id());
        }
    }

    /** Removes a series and its postings; label values left without series disappear. */
    void remove(S s) {
        byLabels.remove(s.labels());
        byId.remove(s.id());
        Labels labels = s.labels();
        for (int i = 0; i < labels.size(); i++) {
            TreeMap<String, RoaringBitmap> values = postings.get(labels.name(i));
            if (values == null) {
                continue;
            }
            RoaringBitmap ids = values.get(labels.value(i));
            if (ids != null) {
                ids.remove(s.id());
                if (ids.isEmpty()) {
                    values.remove(labels.value(i));
                }
            }
            if (values.isEmpty()) {
                postings.remove(labels.name(i));
            }
        }
    }

    void addPosting(String name, String value, int id) {
        postings.computeIfAbsent(name, k -> new TreeMap<>())
                .computeIfAbsent(value, k -> new RoaringBitmap())
                .add(id);
    }

    int nextId() {
        return nextId;
    }

    int size() {
        return byId.size();
    }

    List<S> all() {
        return new ArrayList<>(byId.values());
    }

    List<String> labelNames() {
        return new ArrayList<>(postings.keySet());
    }

    List<String> labelValues(String name) {
        return new ArrayList<>(postings.getOrDefault(name, new TreeMap<>()).keySet());
    }

    /**
     * The series whose labels satisfy every matcher, sorted by labels. Matchers that reject the
     * empty value narrow the candidates through the postings (a series without the label cannot
     * match them); every matcher is then tested on the candidates' labels, as {@code
     * MemorySampleStore} does.
     */
    List<S> select(List<LabelMatcher> matchers) {
        RoaringBitmap candidates = null;
        for (LabelMatcher m : matchers) {
            if (LabelMatchers.matches(m, "")) {
                continue;
            }
            Map<String, RoaringBitmap> values = postings.getOrDefault(m.name(), new TreeMap<>());
            RoaringBitmap ids;
            if (m.op() == LabelMatcher.MatchOp.EQUAL) {
                ids = values.getOrDefault(m.value(), new RoaringBitmap());
            } else {
                ids = new RoaringBitmap();
                for (Map.Entry<String, RoaringBitmap> e : values.entrySet()) {
                    if (LabelMatchers.matches(m, e.getKey())) {
                        ids.or(e.getValue());
                    }
                }
            }
            candidates = candidates == null ? ids.clone() : RoaringBitmap.and(candidates, ids);
            if (candidates.isEmpty()) {
                return new ArrayList<>();
            }
        }
        List<S> out = new ArrayList<>();
        if (candidates == null) {
            out.addAll(byId.values());
        } else {
            candidates.forEach((int id) -> out.add(byId.get(id)));
        }
        out.removeIf(s -> !LabelMatchers.matchesAll(matchers, s.labels()));
        out.sort((a, b) -> a.labels().compareTo(b.labels()));
        return out;
    }
}
