package io.weir.job;

import io.weir.promql.ast.LabelMatcher;
import io.weir.promql.model.Labels;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registered views as every stage sees them: the broadcast state holds the registrations that
 * compiled, and each subtask keeps their compiled programs beside it. The broadcast state changes
 * only through {@link #apply} on the same subtask (and a restore, which starts a new instance), so
 * the programs, and the index that finds the views reading a series, are rebuilt only after a
 * registration or a drop, not for every sample and timer.
 */
final class Programs {
    private static final Logger LOG = LoggerFactory.getLogger(Programs.class);

    /** The broadcast state of all stages: view name to its accepted registration. */
    static final MapStateDescriptor<String, ViewSpec> VIEWS =
            new MapStateDescriptor<>(
                    "weir-views", Types.STRING, TypeInformation.of(ViewSpec.class));

    /** Compiled programs by view name, kept across rebuilds while the registration is the same. */
    private final Map<String, ViewPlan> compiled = new HashMap<>();

    /** Whether the broadcast state may have changed since {@link #views} was built. */
    private boolean stale = true;

    private Map<String, ViewPlan> views = Map.of();
    private List<ViewPlan> list = List.of();

    /** Views whose every selector has a metric name (equality), by that name. */
    private Map<String, List<ViewPlan>> byName = Map.of();

    /** Views with a selector that names no metric: tested one by one. */
    private List<ViewPlan> unnamed = List.of();

    private long maxReach;

    /**
     * The program of the view {@code name} as the broadcast state registers it, or null when the
     * view is not (or no longer) registered.
     */
    ViewPlan get(ReadOnlyBroadcastState<String, ViewSpec> state, String name) throws Exception {
        refresh(state);
        return views.get(name);
    }

    /** Every registered view's program, by name (not to be modified). */
    Map<String, ViewPlan> all(ReadOnlyBroadcastState<String, ViewSpec> state) throws Exception {
        refresh(state);
        return views;
    }

    /** Every registered view's program (not to be modified). */
    List<ViewPlan> list(ReadOnlyBroadcastState<String, ViewSpec> state) throws Exception {
        refresh(state);
        return list;
    }

    /**
     * The registered views that read the series {@code l}, in a fixed order between registrations.
     */
    List<ViewPlan> selecting(ReadOnlyBroadcastState<String, ViewSpec> state, Labels l)
            throws Exception {
        refresh(state);
        String name = l.get(Labels.METRIC_NAME);
        List<ViewPlan> named = byName.get(name == null ? "" : name);
        List<ViewPlan> out = new ArrayList<>();
        if (named != null) {
            for (ViewPlan p : named) {
                if (p.selects(l)) {
                    out.add(p);
                }
            }
        }
        for (ViewPlan p : unnamed) {
            if (p.selects(l)) {
                out.add(p);
            }
        }
        return out;
    }

    /**
     * The largest {@code finalDelayMillis() + backReachMillis()} of the registered views: how long
     * a sample can still be read after the watermark passed it.
     */
    long maxReach(ReadOnlyBroadcastState<String, ViewSpec> state) throws Exception {
        refresh(state);
        return maxReach;
    }

    /**
     * Applies a registration or drop to a stage's broadcast state.
     *
     * @return the reason a registration was refused, or null
     */
    String apply(BroadcastState<String, ViewSpec> state, ViewSpec spec) throws Exception {
        stale = true;
        if (spec.isDrop()) {
            state.remove(spec.name());
            return null;
        }
        try {
            ViewPlanner.plan(spec);
        } catch (UnsupportedViewException e) {
            // A refused registration also ends an earlier version of the view.
            state.remove(spec.name());
            return e.getMessage();
        }
        state.put(spec.name(), spec);
        return null;
    }

    private void refresh(ReadOnlyBroadcastState<String, ViewSpec> state) throws Exception {
        if (!stale) {
            return;
        }
        Map<String, ViewPlan> now = new HashMap<>();
        for (Map.Entry<String, ViewSpec> e : state.immutableEntries()) {
            ViewSpec spec = e.getValue();
            ViewPlan p = compiled.get(e.getKey());
            if (p == null || !p.spec().equals(spec)) {
                p = compileAccepted(spec);
            }
            now.put(e.getKey(), p);
        }
        compiled.clear();
        compiled.putAll(now);
        views = Map.copyOf(now);
        list = List.copyOf(now.values());
        Map<String, Set<ViewPlan>> names = new HashMap<>();
        List<ViewPlan> rest = new ArrayList<>();
        long reach = 0;
        for (ViewPlan p : list) {
            reach = Math.max(reach, p.finalDelayMillis() + p.backReachMillis());
            Set<String> metricNames = new LinkedHashSet<>();
            for (List<LabelMatcher> selector : p.selectors()) {
                String name = metricName(selector);
                if (name == null) {
                    metricNames = null;
                    break;
                }
                metricNames.add(name);
            }
            if (metricNames == null) {
                rest.add(p);
            } else {
                for (String name : metricNames) {
                    names.computeIfAbsent(name, n -> new LinkedHashSet<>()).add(p);
                }
            }
        }
        Map<String, List<ViewPlan>> index = new HashMap<>();
        names.forEach((n, ps) -> index.put(n, List.copyOf(ps)));
        byName = index;
        unnamed = List.copyOf(rest);
        maxReach = reach;
        stale = false;
    }

    /**
     * The metric name a selector requires by equality ("" for series without one), or null when it
     * requires none.
     */
    private static String metricName(List<LabelMatcher> selector) {
        for (LabelMatcher m : selector) {
            if (m.name().equals(Labels.METRIC_NAME) && m.op() == LabelMatcher.MatchOp.EQUAL) {
                return m.value();
            }
        }
        return null;
    }

    private static ViewPlan compileAccepted(ViewSpec spec) {
        try {
            return ViewPlanner.plan(spec);
        } catch (UnsupportedViewException e) {
            // Only accepted registrations enter the state, and compilation is deterministic.
            LOG.error("an accepted view no longer compiles", e);
            throw new IllegalStateException(e);
        }
    }
}
