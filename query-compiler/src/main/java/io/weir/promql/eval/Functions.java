package io.weir.promql.eval;

import io.weir.promql.PromqlException;
import io.weir.promql.analysis.AbsentLabels;
import io.weir.promql.ast.Call;
import io.weir.promql.ast.Expr;
import io.weir.promql.ast.MatrixSelector;
import io.weir.promql.ast.PositionRange;
import io.weir.promql.ast.SubqueryExpr;
import io.weir.promql.ast.VectorSelector;
import io.weir.promql.eval.kernel.RangeKernel;
import io.weir.promql.eval.kernel.RangeKernels;
import java.util.ArrayList;
import java.util.List;

/** Function calls: range functions go to the shared kernels, the rest to their families. */
final class Functions {
    private Functions() {}

    static Val eval(Evaluator ev, Call c, Steps steps) {
        String name = c.function();
        List<Expr> args = new ArrayList<>();
        for (Expr a : c.args()) {
            args.add(Evaluator.unwrap(a));
        }
        switch (name) {
            case "label_replace" -> {
                return LabelFunctions.labelReplace(ev, args, steps);
            }
            case "label_join" -> {
                return LabelFunctions.labelJoin(ev, args, steps);
            }
            case "timestamp" -> {
                if (args.get(0) instanceof VectorSelector vs) {
                    SeriesSet ts = Selectors.instant(ev.ctx, vs, steps, true);
                    return new Val.Vectors(Evaluator.map(ts, s -> s.withLabels(s.labels, true)));
                }
            }
            default -> {
                // Every other function is evaluated below, by the kind of its arguments.
            }
        }
        int matrixArg = -1;
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i) instanceof MatrixSelector || args.get(i) instanceof SubqueryExpr) {
                matrixArg = i;
                break;
            }
        }
        if (matrixArg < 0) {
            return InstantFunctions.eval(ev, name, args, steps, c.pos());
        }
        Expr arg = args.get(matrixArg);
        RangeSource src =
                arg instanceof MatrixSelector ms
                        ? Selectors.range(ev.ctx, ms, steps)
                        : Subqueries.asRange(ev.ctx, ev, (SubqueryExpr) arg, steps);
        if (name.equals("absent_over_time")) {
            return new Val.Vectors(
                    RangeFunctions.absentOverTime(ev.ctx, src, steps, AbsentLabels.of(arg)));
        }
        RangeKernel kernel = RangeKernels.forFunction(name);
        if (kernel == null) {
            throw new PromqlException(
                    PromqlException.ErrorCode.UNSUPPORTED,
                    "function " + name + " is not supported");
        }
        double[][] params = new double[args.size() - 1][];
        int k = 0;
        for (int i = 0; i < args.size(); i++) {
            if (i != matrixArg) {
                params[k++] = ev.scalars(args.get(i), steps);
            }
        }
        boolean dropName = !name.equals("last_over_time") && !name.equals("first_over_time");
        Annotations notes = ev.ctx.annotations;
        RangeFunctions.WindowCheck windowCheck = null;
        if (name.equals("quantile_over_time")) {
            PositionRange qPos = args.get(0).pos();
            windowCheck = p -> notes.checkQuantile(p[0], qPos);
        }
        RangeFunctions.SeriesCheck seriesCheck = null;
        if (name.equals("rate") || name.equals("increase")) {
            PositionRange argPos = arg.pos();
            seriesCheck =
                    (raw, points) -> {
                        String metric = raw.labels.metricName();
                        if (points > 0 && !metric.isEmpty() && !looksLikeCounter(metric)) {
                            notes.info(
                                    "metric might not be a counter, name does not end in"
                                            + " _total/_sum/_count/_bucket: "
                                            + Annotations.quoted(metric),
                                    argPos);
                        }
                    };
        }
        return new Val.Vectors(
                RangeFunctions.apply(
                        ev.ctx, kernel, src, params, steps, dropName, windowCheck, seriesCheck));
    }

    private static boolean looksLikeCounter(String metric) {
        return metric.endsWith("_total")
                || metric.endsWith("_sum")
                || metric.endsWith("_count")
                || metric.endsWith("_bucket");
    }
}
