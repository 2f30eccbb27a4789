package io.weir.promql.plan.logical;

import io.weir.promql.analysis.AbsentLabels;
import io.weir.promql.ast.Call;
import io.weir.promql.ast.Expr;
import io.weir.promql.ast.MatrixSelector;
import io.weir.promql.ast.StringLiteral;
import io.weir.promql.ast.SubqueryExpr;
import io.weir.promql.ast.VectorSelector;
import io.weir.promql.eval.kernel.ElementwiseFunctions;
import io.weir.promql.eval.kernel.RangeKernels;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Plans function calls: every function the evaluator implements, by family. */
final class CallPlanner {
    private static final Set<String> SERIES_FUNCTIONS =
            Set.of(
                    "clamp",
                    "clamp_min",
                    "clamp_max",
                    "round",
                    "timestamp",
                    "label_replace",
                    "label_join",
                    "histogram_count",
                    "histogram_sum",
                    "histogram_avg",
                    "histogram_stddev",
                    "histogram_stdvar");
    private static final Set<String> BUCKET_FUNCTIONS =
            Set.of("histogram_quantile", "histogram_fraction", "histogram_quantiles");
    private static final Set<String> SORT_FUNCTIONS =
            Set.of("sort", "sort_desc", "sort_by_label", "sort_by_label_desc");

    private final Planner planner;

    CallPlanner(Planner planner) {
        this.planner = planner;
    }

    LogicalNode call(Call c, long step) {
        String name = c.function();
        List<Expr> args = new ArrayList<>();
        for (Expr a : c.args()) {
            args.add(Planner.unwrap(a));
        }
        LogicalNode special = special(c, name, args, step);
        if (special != null) {
            return special;
        }
        if (name.equals("timestamp") && args.get(0) instanceof VectorSelector vs) {
            return planner.instant(vs, step, true);
        }
        if (RangeKernels.forFunction(name) != null) {
            return range(name, args, step);
        }
        if (SORT_FUNCTIONS.contains(name)) {
            return new Sort(planner.node(args.get(0), step), name, strings(args));
        }
        if (BUCKET_FUNCTIONS.contains(name)) {
            return bucket(name, args, step);
        }
        if (SERIES_FUNCTIONS.contains(name) || ElementwiseFunctions.forFunction(name) != null) {
            if (args.isEmpty()) {
                // day_of_week() and friends read vector(time()).
                return new SeriesFunction(new ToVector(new StepTime()), name, List.of(), List.of());
            }
            LogicalNode in = planner.node(args.get(0), step);
            List<LogicalNode> scalars = new ArrayList<>();
            for (Expr a : args.subList(1, args.size())) {
                if (!(a instanceof StringLiteral)) {
                    scalars.add(planner.node(a, step));
                }
            }
            return new SeriesFunction(in, name, scalars, strings(args));
        }
        throw planner.unsupported(
                c.pos(),
                "function "
                        + name
                        + "() is not supported: the evaluator that defines Weir's semantics"
                        + " does not implement it");
    }

    /** The functions with a plan of their own shape, or null for the families below. */
    private LogicalNode special(Call c, String name, List<Expr> args, long step) {
        if (planner.insideSubquery() && (name.equals("start") || name.equals("end"))) {
            throw planner.unsupported(
                    c.pos(),
                    name
                            + "() inside a subquery is the view's step, not the time of the"
                            + " subquery's point; a continuous view cannot evaluate that");
        }
        return switch (name) {
            case "time", "start", "end" -> new StepTime();
            case "pi" -> new NumberValue(Math.PI);
            case "range" -> new NumberValue(0);
            // The query's step, which is the view's, also inside a subquery.
            case "step" -> new NumberValue(planner.options().stepMillis() / 1000.0);
            case "vector" -> new ToVector(planner.node(args.get(0), step));
            case "scalar" -> new ToScalar(planner.node(args.get(0), step));
            case "max_of", "min_of" -> new ScalarFunction(name, nodes(args, step));
            case "absent" ->
                    new Absent(planner.node(args.get(0), step), AbsentLabels.of(args.get(0)));
            case "absent_over_time" -> absentOverTime(args.get(0), step);
            default -> null;
        };
    }

    private LogicalNode absentOverTime(Expr arg, long step) {
        Planner.Window w = planner.window(arg);
        LogicalNode count =
                new RangeWindow(
                        w.samples(),
                        "count_over_time",
                        List.of(),
                        w.rangeMillis(),
                        w.offsetMillis(),
                        step,
                        null);
        return new Absent(count, AbsentLabels.of(arg));
    }

    private LogicalNode range(String name, List<Expr> args, long step) {
        int matrix = -1;
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i) instanceof MatrixSelector || args.get(i) instanceof SubqueryExpr) {
                matrix = i;
                break;
            }
        }
        Planner.Window w = planner.window(args.get(matrix));
        List<LogicalNode> params = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            if (i != matrix) {
                params.add(planner.node(args.get(i), step));
            }
        }
        return new RangeWindow(
                w.samples(), name, params, w.rangeMillis(), w.offsetMillis(), step, null);
    }

    private LogicalNode bucket(String name, List<Expr> args, long step) {
        LogicalNode in = null;
        List<LogicalNode> scalars = new ArrayList<>();
        for (Expr a : args) {
            if (a instanceof StringLiteral) {
                continue;
            }
            LogicalNode n = planner.node(a, step);
            if (in == null && n.type() == PlanType.INSTANT_VECTOR) {
                in = n;
            } else {
                scalars.add(n);
            }
        }
        return new BucketFunction(in, name, scalars, strings(args));
    }

    private List<LogicalNode> nodes(List<Expr> args, long step) {
        List<LogicalNode> out = new ArrayList<>();
        for (Expr a : args) {
            out.add(planner.node(a, step));
        }
        return out;
    }

    private static List<String> strings(List<Expr> args) {
        List<String> out = new ArrayList<>();
        for (Expr a : args) {
            if (a instanceof StringLiteral s) {
                out.add(s.value());
            }
        }
        return out;
    }
}
