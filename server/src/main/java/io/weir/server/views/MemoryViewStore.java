package io.weir.server.views;

import io.weir.connectors.codec.ResultKind;
import io.weir.connectors.codec.ResultRecord;
import io.weir.promql.ast.LabelMatcher;
import io.weir.promql.eval.LabelMatchers;
import io.weir.promql.eval.MemorySampleStore;
import io.weir.promql.model.Labels;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Views' history in memory: for tests and for a server started on a file. One {@link
 * MemorySampleStore} per view, so that dropping a view frees it at once. Retention is not applied:
 * the process's life bounds what it holds.
 */
public final class MemoryViewStore implements ViewStore {
    private final Map<String, ViewData> views = new ConcurrentHashMap<>();
    private final List<ViewListener> listeners = new CopyOnWriteArrayList<>();

    /** One view's samples, and per series the latest final step, so early never beats final. */
    private static final class ViewData {
        final MemorySampleStore samples = new MemorySampleStore();
        final Map<Labels, Long> lastFinalBySeries = new HashMap<>();
        long lastFinal = Long.MIN_VALUE;
    }

    @Override
    public void write(List<ResultRecord> results) {
        for (ResultRecord r : results) {
            ViewData v = views.computeIfAbsent(r.view(), k -> new ViewData());
            Labels labels = named(r.view(), r.series());
            synchronized (v) {
                Long seriesFinal = v.lastFinalBySeries.get(labels);
                if (r.kind() == ResultKind.EARLY) {
                    if (seriesFinal != null && r.stepMillis() <= seriesFinal) {
                        continue; // an early value arriving after the final one is stale
                    }
                } else {
                    if (seriesFinal == null || r.stepMillis() > seriesFinal) {
                        v.lastFinalBySeries.put(labels, r.stepMillis());
                    }
                    v.lastFinal = Math.max(v.lastFinal, r.stepMillis());
                }
                v.samples.append(labels, r.stepMillis(), r.value());
            }
        }
        for (ViewListener l : listeners) {
            l.stored(results);
        }
    }

    /** A view's output series as stored: named by the view. */
    static Labels named(String view, Labels series) {
        return series.toBuilder().set(Labels.METRIC_NAME, view).build();
    }

    @Override
    public OptionalLong lastFinalStep(String view) {
        ViewData v = views.get(view);
        if (v == null) {
            return OptionalLong.empty();
        }
        synchronized (v) {
            return v.lastFinal == Long.MIN_VALUE
                    ? OptionalLong.empty()
                    : OptionalLong.of(v.lastFinal);
        }
    }

    @Override
    public void drop(String view) {
        views.remove(view);
    }

    @Override
    public AutoCloseable subscribe(ViewListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public List<StoredSeries> select(List<LabelMatcher> matchers, long minTime, long maxTime) {
        List<StoredSeries> out = new ArrayList<>();
        for (Map.Entry<String, ViewData> e : views.entrySet()) {
            if (!LabelMatchers.matchesAll(
                    nameMatchers(matchers), Labels.of(Labels.METRIC_NAME, e.getKey()))) {
                continue;
            }
            out.addAll(e.getValue().samples.select(matchers, minTime, maxTime));
        }
        out.sort((a, b) -> a.labels().compareTo(b.labels()));
        return out;
    }

    private static List<LabelMatcher> nameMatchers(List<LabelMatcher> matchers) {
        List<LabelMatcher> out = new ArrayList<>(1);
        for (LabelMatcher m : matchers) {
            if (m.name().equals(Labels.METRIC_NAME)) {
                out.add(m);
            }
        }
        return out;
    }

    @Override
    public List<String> labelNames() {
        TreeSet<String> names = new TreeSet<>();
        for (ViewData v : views.values()) {
            names.addAll(v.samples.labelNames());
        }
        return new ArrayList<>(names);
    }

    @Override
    public List<String> labelValues(String name) {
        TreeSet<String> values = new TreeSet<>();
        for (ViewData v : views.values()) {
            values.addAll(v.samples.labelValues(name));
        }
        return new ArrayList<>(values);
    }

    @Override
    public void close() {
        listeners.clear();
    }
}
