package io.weir.job;

import io.weir.promql.ast.LabelMatcher;
import io.weir.promql.model.Labels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
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
     * The views reading a series, by the series' hash (the series stage's key; a series whose hash
     * another series took is computed again when read); emptied when the views change. At most this
     * many are kept (about a kilobyte each).
     */
    private final LongCache<Selection> selections = new LongCache<>(20_000);

    /** The views reading one series, and what the series stage derives from its labels. */
    static final class Selection {
        private final Labels labels;
        private final String encoded;
        private final byte[] bytes;
        private final List<ViewPlan> views;
        private final long fingerprint;
        private final boolean evaluated;
        private final Map<ViewProgram, String> groups = new HashMap<>();

        private Selection(Labels labels, String encoded, List<ViewPlan> views) {
            this.labels = labels;
            this.encoded = encoded;
            this.bytes = encoded.getBytes(StandardCharsets.UTF_8);
            this.views = views;
            this.fingerprint = Programs.fingerprint(views);
            boolean any = false;
            for (ViewPlan p : views) {
                any |= p instanceof EvaluatedView;
            }
            this.evaluated = any;
        }

        /** The series' labels. */
        Labels labels() {
            return labels;
        }

        /** The labels encoded by {@link StepPoint#encode}. */
        String encoded() {
            return encoded;
        }

        /** {@link #encoded} in UTF-8 (not to be changed). */
        byte[] bytes() {
            return bytes;
        }

        /** The views reading the series, in a fixed order between registrations. */
        List<ViewPlan> views() {
            return views;
        }

        /** A fingerprint of {@link #views}, the same on every subtask and after a restore. */
        long fingerprint() {
            return fingerprint;
        }

        /** Whether one of the views runs on the evaluated path. */
        boolean evaluated() {
            return evaluated;
        }

        /**
         * Whether {@code l} are this series' labels: compared with {@link #bytes}, one array,
         * rather than string by string with {@link #labels}.
         */
        boolean hasLabels(Labels l) {
            Boolean same = encodedAs(l, bytes);
            return same != null ? same : labels.equals(l);
        }

        /**
         * Whether {@code b} is the UTF-8 of {@link StepPoint#encode} of {@code l}, or null when
         * {@code l} holds a character beyond ASCII before the answer is known.
         */
        static Boolean encodedAs(Labels l, byte[] b) {
            int at = 0;
            for (int i = 0; i < l.size(); i++) {
                if (i > 0 && (at >= b.length || b[at++] != 0)) {
                    return false;
                }
                at = match(l.name(i), b, at);
                if (at < 0) {
                    return at == UNKNOWN ? null : false;
                }
                if (at >= b.length || b[at++] != 0) {
                    return false;
                }
                at = match(l.value(i), b, at);
                if (at < 0) {
                    return at == UNKNOWN ? null : false;
                }
            }
            return at == b.length;
        }

        /** {@link #match}: a string with characters beyond ASCII, left to another comparison. */
        private static final int UNKNOWN = -2;

        /**
         * Where the string {@code s} ends when it is at {@code at} in {@code b}; -1 when it is not
         * there, {@link #UNKNOWN} when that depends on a character of {@code s} beyond ASCII.
         */
        private static int match(String s, byte[] b, int at) {
            int n = s.length();
            if (at + n > b.length) {
                return -1; // its UTF-8 is at least one byte a character
            }
            for (int k = 0; k < n; k++) {
                char c = s.charAt(k);
                if (c >= 0x80) {
                    return UNKNOWN;
                }
                if (b[at + k] != (byte) c) {
                    return -1;
                }
            }
            return at + n;
        }

        /** The encoded labels of the series' aggregation group in the view {@code p}. */
        String group(ViewProgram p) {
            return groups.computeIfAbsent(p, q -> StepPoint.encode(q.group(labels)));
        }
    }

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

    /** The views reading the series {@code labels}, whose hash is {@code hash}. */
    Selection selection(ReadOnlyBroadcastState<String, ViewSpec> state, long hash, Labels labels)
            throws Exception {
        refresh(state);
        Selection s = selections.get(hash);
        if (s == null || !s.hasLabels(labels)) {
            s =
                    new Selection(
                            labels,
                            StepPoint.encode(labels),
                            List.copyOf(selecting(state, labels)));
            selections.put(hash, s);
        }
        return s;
    }

    /**
     * The views reading the series whose labels are {@code encoded} ({@link StepPoint#encode} in
     * UTF-8) and whose hash is {@code hash}.
     */
    Selection selection(ReadOnlyBroadcastState<String, ViewSpec> state, long hash, byte[] encoded)
            throws Exception {
        refresh(state);
        Selection s = selections.get(hash);
        if (s == null || !Arrays.equals(s.bytes, encoded)) {
            String text = new String(encoded, StandardCharsets.UTF_8);
            Labels labels = StepPoint.decode(text);
            s = new Selection(labels, text, List.copyOf(selecting(state, labels)));
            selections.put(hash, s);
        }
        return s;
    }

    /**
     * A fingerprint of the views reading a series, the same on every subtask and after a restore.
     */
    static long fingerprint(List<ViewPlan> reading) {
        long h = 0;
        for (ViewPlan p : reading) {
            ViewSpec s = p.spec();
            long x = s.name().hashCode();
            x = x * 31 + s.query().hashCode();
            x = x * 31 + s.stepMillis();
            x = x * 31 + s.latenessMillis();
            x = x * 31 + s.registeredAtMillis();
            h += mix(x); // order-independent
        }
        return h;
    }

    private static long mix(long x) {
        x ^= x >>> 33;
        x *= 0xff51afd7ed558ccdL;
        x ^= x >>> 33;
        x *= 0xc4ceb9fe1a85ec53L;
        return x ^ (x >>> 33);
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
        selections.clear();
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
