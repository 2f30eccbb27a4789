package io.weir.promql.eval;

import io.weir.promql.ast.Expr;
import io.weir.promql.ast.MatrixSelector;
import io.weir.promql.ast.SubqueryExpr;
import io.weir.promql.model.Labels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns an evaluation into the query's result: removes the metric names marked for removal
 * (Prometheus 3 does this last), checks that label sets stay unique, and orders the output.
 */
final class Results {
    private static final List<String> SCHEMA_LABELS = List.of("__name__", "__type__", "__unit__");

    private Results() {}

    static QueryValue instant(QueryContext ctx, Evaluator ev, Expr expr, long t) {
        Expr top = Evaluator.unwrap(expr);
        Steps steps = Steps.instant(t);
        if (top instanceof MatrixSelector ms) {
            return matrixOf(ctx, Selectors.range(ctx, ms, steps), 0);
        }
        if (top instanceof SubqueryExpr sq) {
            RangeSource src = Subqueries.asRange(ctx, ev, sq, steps);
            return matrixOf(ctx, src, 0);
        }
        Val v = ev.eval(expr, steps);
        if (v instanceof Val.Scalars s) {
            return new QueryValue.Scalar(t, s.values[0]);
        }
        if (v instanceof Val.Str s) {
            return new QueryValue.StringValue(t, s.value());
        }
        List<StepSeries> list = ctx.parallel.materialize(((Val.Vectors) v).series());
        List<QueryValue.Sample> samples = new ArrayList<>(list.size());
        Set<Labels> seen = new HashSet<>();
        for (StepSeries s : list) {
            Labels l = finalLabels(s);
            if (!seen.add(l)) {
                throw QueryContext.error("vector cannot contain metrics with the same labelset");
            }
            samples.add(new QueryValue.Sample(l, t, s.values[0]));
        }
        return new QueryValue.Vector(samples);
    }

    static QueryValue.Matrix range(QueryContext ctx, Evaluator ev, Expr expr, Steps steps) {
        Val v = ev.eval(expr, steps);
        List<StepSeries> list;
        if (v instanceof Val.Scalars s) {
            StepSeries one = StepSeries.empty(Labels.EMPTY, false, steps.count());
            for (int i = 0; i < s.values.length; i++) {
                one.set(i, s.values[i]);
            }
            list = List.of(one);
        } else {
            list = ctx.parallel.materialize(((Val.Vectors) v).series());
        }
        List<StepSeries> named = new ArrayList<>(list.size());
        for (StepSeries s : list) {
            named.add(s.withLabels(finalLabels(s), false));
        }
        List<StepSeries> merged = new ArrayList<>();
        SeriesSet m = LabelFunctions.mergeSameLabels(named);
        for (int i = 0; i < m.size(); i++) {
            merged.add(m.get(i));
        }
        merged.sort((a, b) -> a.labels.compareTo(b.labels));
        List<QueryValue.Series> out = new ArrayList<>(merged.size());
        // Series with a point at every step share one timestamp array and keep their values.
        long[] allTimes = new long[steps.count()];
        for (int i = 0; i < allTimes.length; i++) {
            allTimes[i] = steps.time(i);
        }
        for (StepSeries s : merged) {
            int n = s.count();
            if (n == allTimes.length) {
                out.add(new QueryValue.Series(s.labels, allTimes, s.values));
                continue;
            }
            long[] ts = new long[n];
            double[] vals = new double[n];
            int k = 0;
            for (int i = 0; i < s.present.length; i++) {
                if (s.present[i]) {
                    ts[k] = steps.time(i);
                    vals[k] = s.values[i];
                    k++;
                }
            }
            out.add(new QueryValue.Series(s.labels, ts, vals));
        }
        return new QueryValue.Matrix(out);
    }

    /** An instant query of a range vector: the raw points in each series' window. */
    private static QueryValue.Matrix matrixOf(QueryContext ctx, RangeSource src, int step) {
        long end = src.windowEnd(step);
        long start = end - src.range();
        List<RawSeries> raws = ctx.parallel.map(src.size(), src::get);
        Map<Labels, QueryValue.Series> byLabels = new LinkedHashMap<>();
        for (RawSeries r : raws) {
            if (r == null) {
                continue;
            }
            int lo = RangeFunctions.advance(r.ts, r.from, r.to, start);
            int hi = RangeFunctions.advance(r.ts, lo, r.to, end);
            if (hi == lo) {
                continue;
            }
            ctx.addSamples(hi - lo);
            Labels l = r.dropName ? r.labels.without(SCHEMA_LABELS) : r.labels;
            QueryValue.Series s =
                    new QueryValue.Series(
                            l,
                            Arrays.copyOfRange(r.ts, lo, hi),
                            Arrays.copyOfRange(r.vals, lo, hi));
            QueryValue.Series prev = byLabels.get(l);
            byLabels.put(l, prev == null ? s : mergePoints(prev, s));
        }
        List<QueryValue.Series> out = new ArrayList<>(byLabels.values());
        out.sort((a, b) -> a.labels().compareTo(b.labels()));
        return new QueryValue.Matrix(out);
    }

    /**
     * Joins two series whose labels became equal when names were removed; a timestamp in both is an
     * error, as in Prometheus.
     */
    private static QueryValue.Series mergePoints(QueryValue.Series a, QueryValue.Series b) {
        int n = a.size() + b.size();
        long[] ts = new long[n];
        double[] vals = new double[n];
        int i = 0;
        int j = 0;
        int k = 0;
        while (i < a.size() || j < b.size()) {
            boolean takeA =
                    j >= b.size() || (i < a.size() && a.timestamps()[i] < b.timestamps()[j]);
            if (i < a.size() && j < b.size() && a.timestamps()[i] == b.timestamps()[j]) {
                throw QueryContext.error("vector cannot contain metrics with the same labelset");
            }
            if (takeA) {
                ts[k] = a.timestamps()[i];
                vals[k++] = a.values()[i++];
            } else {
                ts[k] = b.timestamps()[j];
                vals[k++] = b.values()[j++];
            }
        }
        return new QueryValue.Series(a.labels(), ts, vals);
    }

    private static Labels finalLabels(StepSeries s) {
        return s.dropName ? s.labels.without(SCHEMA_LABELS) : s.labels;
    }
}
