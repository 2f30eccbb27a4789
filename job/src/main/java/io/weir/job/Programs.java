package io.weir.job;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registered views as every stage sees them: the broadcast state holds the registrations that
 * compiled, and each subtask keeps their compiled programs in a cache beside it.
 */
final class Programs {
    private static final Logger LOG = LoggerFactory.getLogger(Programs.class);

    /** The broadcast state of all stages: view name to its accepted registration. */
    static final MapStateDescriptor<String, ViewSpec> VIEWS =
            new MapStateDescriptor<>(
                    "weir-views", Types.STRING, TypeInformation.of(ViewSpec.class));

    private final Map<String, ViewPlan> cache = new HashMap<>();

    /**
     * The program of the view {@code name} as the broadcast state registers it, or null when the
     * view is not (or no longer) registered.
     */
    ViewPlan get(ReadOnlyBroadcastState<String, ViewSpec> state, String name) throws Exception {
        ViewSpec spec = state.get(name);
        if (spec == null) {
            cache.remove(name);
            return null;
        }
        ViewPlan p = cache.get(name);
        if (p == null || !p.spec().equals(spec)) {
            p = compileAccepted(spec);
            cache.put(name, p);
        }
        return p;
    }

    /** Every registered view's program. */
    Map<String, ViewPlan> all(ReadOnlyBroadcastState<String, ViewSpec> state) throws Exception {
        Map<String, ViewPlan> out = new HashMap<>();
        for (Map.Entry<String, ViewSpec> e : state.immutableEntries()) {
            out.put(e.getKey(), get(state, e.getKey()));
        }
        cache.keySet().retainAll(out.keySet());
        return out;
    }

    /**
     * Applies a registration or drop to a stage's broadcast state.
     *
     * @return the reason a registration was refused, or null
     */
    static String apply(
            org.apache.flink.api.common.state.BroadcastState<String, ViewSpec> state, ViewSpec spec)
            throws Exception {
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
