package io.weir.promql.eval;

import io.weir.promql.ast.AggregateExpr;
import io.weir.promql.ast.AggregateOp;
import io.weir.promql.ast.PositionRange;
import io.weir.promql.ast.StringLiteral;
import io.weir.promql.eval.kernel.Accumulator;
import io.weir.promql.eval.kernel.Accumulators;
import io.weir.promql.model.GoFloatFormat;
import io.weir.promql.model.Labels;
import io.weir.promql.parser.Quoting;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Aggregations. The value aggregations (sum ... quantile) run map-reduce style: each chunk of input
 * series folds into its own per-group, per-step accumulators while the series are computed, and the
 * partial accumulators are merged at the end, so the input is never held in full.
 */
final class Aggregations {
    /**
     * Series per map task: a function of the input size only (never of the parallelism), so that
     * results do not depend on the number of threads; at most about 64 chunks, at least 16 series.
     */
    static int chunkSize(int n) {
        return Math.max(16, (n + 63) / 64);
    }

    private Aggregations() {}

    static Val eval(Evaluator ev, AggregateExpr e, Steps steps) {
        return switch (e.op()) {
            case TOPK, BOTTOMK, LIMITK, LIMIT_RATIO -> TopK.eval(ev, e, steps);
            case COUNT_VALUES -> countValues(ev, e, steps);
            case SUM, AVG, COUNT, MIN, MAX, GROUP, STDDEV, STDVAR, QUANTILE -> values(ev, e, steps);
        };
    }

    /** The labels of the group a series belongs to. */
    static final class Grouping {
        private final Set<String> names;
        private final boolean without;

        Grouping(List<String> names, boolean without) {
            this.names = new HashSet<>(names);
            this.without = without;
        }

        Labels of(Labels l) {
            if (without) {
                return l.filter(n -> !names.contains(n) && !n.equals(Labels.METRIC_NAME));
            }
            if (names.isEmpty()) {
                return Labels.EMPTY;
            }
            return l.filter(names::contains);
        }
    }

    /** The partial aggregate of one group: an accumulator per step, created on first use. */
    private static final class Group {
        final Accumulator[] acc;
        boolean dropName;

        Group(int n) {
            acc = new Accumulator[n];
        }
    }

    private static Val values(Evaluator ev, AggregateExpr e, Steps steps) {
        int n = steps.count();
        AggregateOp op = e.op();
        double[] param = e.param() != null ? ev.scalars(e.param(), steps) : new double[n];
        if (op == AggregateOp.QUANTILE) {
            warnQuantiles(ev.ctx.annotations, param, Evaluator.unwrap(e.param()).pos());
        }
        SeriesSet in = ev.vectors(e.expr(), steps);
        Grouping grouping = new Grouping(e.grouping(), e.without());
        Map<Labels, Group> merged =
                ev.ctx.parallel.reduce(
                        in.size(),
                        chunkSize(in.size()),
                        (from, to) -> {
                            Map<Labels, Group> groups = new LinkedHashMap<>();
                            for (int i = from; i < to; i++) {
                                ev.ctx.checkTimeout();
                                StepSeries s = in.get(i);
                                if (s == null || s.isEmpty()) {
                                    continue;
                                }
                                Group g =
                                        groups.computeIfAbsent(
                                                grouping.of(s.labels), k -> new Group(n));
                                g.dropName |= s.dropName;
                                for (int step = 0; step < n; step++) {
                                    if (!s.present[step]) {
                                        continue;
                                    }
                                    Accumulator a = g.acc[step];
                                    if (a == null) {
                                        a = Accumulators.create(op, param[step]);
                                        g.acc[step] = a;
                                    }
                                    a.add(s.values[step]);
                                }
                                // The folded series is gone: only the partials stay in memory.
                                ev.ctx.releaseSamples(s.count());
                            }
                            return groups;
                        },
                        (left, right) -> mergeGroups(left, right, n));
        List<StepSeries> out = new ArrayList<>(merged.size());
        for (Map.Entry<Labels, Group> en : merged.entrySet()) {
            Group g = en.getValue();
            StepSeries s = StepSeries.empty(en.getKey(), g.dropName, n);
            for (int step = 0; step < n; step++) {
                Accumulator a = g.acc[step];
                if (a != null && !a.isEmpty()) {
                    s.set(step, a.result());
                }
            }
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        ev.ctx.addSamples(out.size() * (long) n);
        return new Val.Vectors(SeriesSet.of(out));
    }

    /**
     * Prometheus warns once for NaN, once for the largest q above 1, once for the least below 0.
     */
    private static void warnQuantiles(Annotations notes, double[] q, PositionRange pos) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        boolean nan = false;
        for (double v : q) {
            nan |= Double.isNaN(v);
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        if (nan) {
            notes.checkQuantile(Double.NaN, pos);
        }
        if (max > 1) {
            notes.checkQuantile(max, pos);
        }
        if (min < 0) {
            notes.checkQuantile(min, pos);
        }
    }

    /** Folds the groups of {@code right} into {@code left}, keeping first-seen order. */
    private static Map<Labels, Group> mergeGroups(
            Map<Labels, Group> left, Map<Labels, Group> right, int n) {
        for (Map.Entry<Labels, Group> en : right.entrySet()) {
            Group into = left.get(en.getKey());
            if (into == null) {
                left.put(en.getKey(), en.getValue());
                continue;
            }
            Group g = en.getValue();
            into.dropName |= g.dropName;
            for (int step = 0; step < n; step++) {
                if (g.acc[step] == null) {
                    continue;
                }
                if (into.acc[step] == null) {
                    into.acc[step] = g.acc[step];
                } else {
                    into.acc[step].merge(g.acc[step]);
                }
            }
        }
        return left;
    }

    private static Val countValues(Evaluator ev, AggregateExpr e, Steps steps) {
        String valueLabel = ((StringLiteral) Evaluator.unwrap(e.param())).value();
        if (!LabelFunctions.isValidLabelName(valueLabel)) {
            // Go's %q, so that invalid UTF-8 shows as \xNN escapes as in Prometheus's message.
            throw QueryContext.error("invalid label name " + Quoting.quote(valueLabel));
        }
        int n = steps.count();
        List<String> names = new ArrayList<>(e.grouping());
        if (!e.without()) {
            names.add(valueLabel);
        }
        Grouping grouping = new Grouping(names, e.without());
        List<StepSeries> in = ev.ctx.parallel.materialize(ev.vectors(e.expr(), steps));
        Map<Labels, StepSeries> out = new LinkedHashMap<>();
        for (int step = 0; step < n; step++) {
            for (StepSeries s : in) {
                if (!s.present[step]) {
                    continue;
                }
                Labels withValue =
                        s.labels.toBuilder()
                                .set(valueLabel, GoFloatFormat.formatF(s.values[step]))
                                .build();
                Labels key = grouping.of(withValue);
                StepSeries o = out.computeIfAbsent(key, k -> StepSeries.empty(k, false, n));
                o.set(step, (o.present[step] ? o.values[step] : 0) + 1);
            }
        }
        return new Val.Vectors(SeriesSet.of(new ArrayList<>(out.values())));
    }
}
