package io.weir.promql.eval;

import io.weir.promql.PromqlException;
import io.weir.promql.analysis.AbsentLabels;
import io.weir.promql.ast.Expr;
import io.weir.promql.ast.PositionRange;
import io.weir.promql.ast.StringLiteral;
import io.weir.promql.eval.kernel.ElementwiseFunctions;
import io.weir.promql.model.Labels;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

/** Functions without a range-vector argument. */
final class InstantFunctions {
    private InstantFunctions() {}

    static Val eval(
            Evaluator ev, String name, List<Expr> args, Steps steps, PositionRange callPos) {
        int n = steps.count();
        switch (name) {
            case "time" -> {
                double[] v = new double[n];
                for (int i = 0; i < n; i++) {
                    v[i] = steps.time(i) / 1000.0;
                }
                return new Val.Scalars(v);
            }
            case "pi" -> {
                return Evaluator.constant(Math.PI, steps);
            }
            case "start" -> {
                return Evaluator.constant(ev.ctx.queryStart / 1000.0, steps);
            }
            case "end" -> {
                return Evaluator.constant(ev.ctx.queryEnd / 1000.0, steps);
            }
            case "range" -> {
                return Evaluator.constant((ev.ctx.queryEnd - ev.ctx.queryStart) / 1000.0, steps);
            }
            case "step" -> {
                return Evaluator.constant(ev.ctx.queryStep / 1000.0, steps);
            }
            case "max_of", "min_of" -> {
                double[] a = ev.scalars(args.get(0), steps);
                double[] b = ev.scalars(args.get(1), steps);
                double[] v = new double[n];
                for (int i = 0; i < n; i++) {
                    v[i] = name.equals("max_of") ? Math.max(a[i], b[i]) : Math.min(a[i], b[i]);
                }
                return new Val.Scalars(v);
            }
            case "vector" -> {
                double[] s = ev.scalars(args.get(0), steps);
                StepSeries out = StepSeries.empty(Labels.EMPTY, false, n);
                for (int i = 0; i < n; i++) {
                    out.set(i, s[i]);
                }
                return new Val.Vectors(SeriesSet.of(List.of(out)));
            }
            case "scalar" -> {
                return scalar(ev, args.get(0), steps);
            }
            case "timestamp" -> {
                return new Val.Vectors(
                        Evaluator.map(
                                ev.vectors(args.get(0), steps),
                                s -> {
                                    StepSeries out = StepSeries.empty(s.labels, true, n);
                                    for (int i = 0; i < n; i++) {
                                        if (s.present[i]) {
                                            out.set(i, steps.time(i) / 1000.0);
                                        }
                                    }
                                    return out;
                                }));
            }
            case "absent" -> {
                return absent(ev, args.get(0), steps);
            }
            case "clamp" -> {
                return clamp(ev, args, steps, args.get(1), args.get(2));
            }
            case "clamp_min" -> {
                return clamp(ev, args, steps, args.get(1), null);
            }
            case "clamp_max" -> {
                return clamp(ev, args, steps, null, args.get(1));
            }
            case "round" -> {
                double[] to =
                        args.size() > 1
                                ? ev.scalars(args.get(1), steps)
                                : Evaluator.constant(1, steps).values;
                return perStep(
                        ev.vectors(args.get(0), steps),
                        (v, i) -> ElementwiseFunctions.round(v, to[i]));
            }
            case "sort", "sort_desc", "sort_by_label", "sort_by_label_desc" -> {
                if (steps.start() != steps.end()) {
                    ev.ctx.annotations.warn(
                            "sort is ineffective for range queries since results are always"
                                    + " ordered by labels",
                            callPos);
                }
                return SortFunctions.sort(ev, name, args, steps);
            }
            case "histogram_quantile" -> {
                return HistogramFunctions.quantile(ev, args, steps);
            }
            case "histogram_quantiles" -> {
                return HistogramFunctions.quantiles(ev, args, steps);
            }
            case "histogram_fraction" -> {
                return HistogramFunctions.fraction(ev, args, steps);
            }
            case "start_timestamp",
                    "histogram_count",
                    "histogram_sum",
                    "histogram_avg",
                    "histogram_stddev",
                    "histogram_stdvar" -> {
                // Start timestamps are not stored, and Prometheus without them returns nothing;
                // the histogram_* functions read native histograms only, so float samples give
                // no output.
                ev.vectors(args.get(0), steps);
                return new Val.Vectors(SeriesSet.of(List.of()));
            }
            default -> {
                // An element-wise function: handled below.
            }
        }
        DoubleUnaryOperator op = ElementwiseFunctions.forFunction(name);
        if (op == null) {
            throw new PromqlException(
                    PromqlException.ErrorCode.UNSUPPORTED,
                    "function " + name + " is not supported");
        }
        if (args.isEmpty()) {
            // day_of_week() and friends default to vector(time()).
            StepSeries out = StepSeries.empty(Labels.EMPTY, false, n);
            for (int i = 0; i < n; i++) {
                out.set(i, op.applyAsDouble((double) Math.floorDiv(steps.time(i), 1000L)));
            }
            return new Val.Vectors(SeriesSet.of(List.of(out)));
        }
        return perStep(ev.vectors(args.get(0), steps), (v, i) -> op.applyAsDouble(v));
    }

    /** A value function that may depend on the step (through scalar arguments). */
    interface StepFunction {
        double apply(double value, int step);
    }

    /** Applies {@code fn} to every point; the result drops the metric name. */
    static Val perStep(SeriesSet in, StepFunction fn) {
        return new Val.Vectors(
                Evaluator.map(
                        in,
                        s -> {
                            StepSeries out = StepSeries.empty(s.labels, true, s.values.length);
                            for (int i = 0; i < s.values.length; i++) {
                                if (s.present[i]) {
                                    out.set(i, fn.apply(s.values[i], i));
                                }
                            }
                            return out;
                        }));
    }

    private static Val clamp(Evaluator ev, List<Expr> args, Steps steps, Expr min, Expr max) {
        SeriesSet in = ev.vectors(args.get(0), steps);
        double[] lo = min == null ? null : ev.scalars(min, steps);
        double[] hi = max == null ? null : ev.scalars(max, steps);
        return new Val.Vectors(
                Evaluator.map(
                        in,
                        s -> {
                            StepSeries out = StepSeries.empty(s.labels, true, s.values.length);
                            for (int i = 0; i < s.values.length; i++) {
                                if (!s.present[i]) {
                                    continue;
                                }
                                double v = s.values[i];
                                if (lo != null && hi != null) {
                                    // clamp with max < min yields nothing at that step.
                                    if (!ElementwiseFunctions.clampHasOutput(lo[i], hi[i])) {
                                        continue;
                                    }
                                    out.set(i, ElementwiseFunctions.clamp(v, lo[i], hi[i]));
                                } else if (lo != null) {
                                    out.set(i, ElementwiseFunctions.clampMin(v, lo[i]));
                                } else {
                                    out.set(i, ElementwiseFunctions.clampMax(v, hi[i]));
                                }
                            }
                            return out;
                        }));
    }

    private static Val scalar(Evaluator ev, Expr arg, Steps steps) {
        List<StepSeries> in = ev.ctx.parallel.materialize(ev.vectors(arg, steps));
        int n = steps.count();
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            int found = 0;
            double v = Double.NaN;
            for (StepSeries s : in) {
                if (s.present[i]) {
                    found++;
                    v = s.values[i];
                }
            }
            out[i] = found == 1 ? v : Double.NaN;
        }
        return new Val.Scalars(out);
    }

    private static Val absent(Evaluator ev, Expr arg, Steps steps) {
        List<StepSeries> in = ev.ctx.parallel.materialize(ev.vectors(arg, steps));
        int n = steps.count();
        StepSeries out = StepSeries.empty(AbsentLabels.of(arg), false, n);
        for (int i = 0; i < n; i++) {
            boolean any = false;
            for (StepSeries s : in) {
                if (s.present[i]) {
                    any = true;
                    break;
                }
            }
            if (!any) {
                out.set(i, 1);
            }
        }
        List<StepSeries> list = new ArrayList<>();
        if (!out.isEmpty()) {
            list.add(out);
        }
        return new Val.Vectors(SeriesSet.of(list));
    }

    static String stringArg(Expr e) {
        if (e instanceof StringLiteral s) {
            return s.value();
        }
        throw new IllegalStateException("expected a string literal, got " + e);
    }
}
