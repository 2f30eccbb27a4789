package io.weir.promql.plan;

import io.weir.promql.ast.VectorMatching;
import io.weir.promql.plan.logical.Absent;
import io.weir.promql.plan.logical.Aggregate;
import io.weir.promql.plan.logical.BucketFunction;
import io.weir.promql.plan.logical.EmptyScan;
import io.weir.promql.plan.logical.InstantSample;
import io.weir.promql.plan.logical.LogicalNode;
import io.weir.promql.plan.logical.NumberValue;
import io.weir.promql.plan.logical.PlanText;
import io.weir.promql.plan.logical.RangeWindow;
import io.weir.promql.plan.logical.ScalarBinary;
import io.weir.promql.plan.logical.ScalarFunction;
import io.weir.promql.plan.logical.SeriesFunction;
import io.weir.promql.plan.logical.SeriesScan;
import io.weir.promql.plan.logical.Sort;
import io.weir.promql.plan.logical.StepTime;
import io.weir.promql.plan.logical.StringValue;
import io.weir.promql.plan.logical.Subquery;
import io.weir.promql.plan.logical.ToScalar;
import io.weir.promql.plan.logical.ToVector;
import io.weir.promql.plan.logical.VectorJoin;
import io.weir.promql.plan.logical.VectorScalar;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a logical plan back as PromQL, so that the evaluator can say whether a plan (as built, and
 * as optimized) still means what its query meant. Test code: the two-phase split and panes print as
 * the single aggregation and window they implement.
 */
final class PlanToPromql {
    private PlanToPromql() {}

    static String print(LogicalNode n) {
        if (n instanceof SeriesScan s) {
            return "{" + PlanText.matchers(s.matchers()) + "}";
        } else if (n instanceof EmptyScan) {
            return "{__name__=\"weir_no_such_series\"}";
        } else if (n instanceof InstantSample s) {
            String sel = print(s.input()) + offset(s.offsetMillis());
            return s.timestamps() ? "timestamp(" + sel + ")" : sel;
        } else if (n instanceof RangeWindow w) {
            return window(w);
        } else if (n instanceof SeriesFunction f) {
            return seriesFunction(f);
        } else if (n instanceof VectorScalar v) {
            String vec = "(" + print(v.vector()) + ")";
            String sc = "(" + print(v.scalar()) + ")";
            String op = " " + v.op().symbol() + (v.returnBool() ? " bool " : " ");
            return v.scalarLeft() ? sc + op + vec : vec + op + sc;
        } else if (n instanceof VectorJoin j) {
            return join(j);
        } else if (n instanceof Aggregate a) {
            return aggregate(a);
        } else if (n instanceof BucketFunction b) {
            return bucket(b);
        } else if (n instanceof Absent a) {
            String out = "(vector(1) unless on () (" + print(a.input()) + "))";
            for (int i = 0; i < a.labels().size(); i++) {
                out =
                        "label_replace("
                                + out
                                + ", "
                                + PlanText.quote(a.labels().name(i))
                                + ", "
                                + PlanText.quote(a.labels().value(i).replace("$", "$$"))
                                + ", \"\", \"\")";
            }
            return out;
        } else if (n instanceof Sort s) {
            List<String> args = new ArrayList<>();
            args.add(print(s.input()));
            s.labels().forEach(l -> args.add(PlanText.quote(l)));
            return s.function() + "(" + String.join(", ", args) + ")";
        } else if (n instanceof NumberValue v) {
            return number(v.value());
        } else if (n instanceof StringValue s) {
            return PlanText.quote(s.value());
        } else if (n instanceof StepTime) {
            return "time()";
        } else if (n instanceof ScalarFunction f) {
            if (f.function().equals("-")) {
                return "-(" + print(f.args().get(0)) + ")";
            }
            return f.function() + "(" + args(f.args()) + ")";
        } else if (n instanceof ScalarBinary b) {
            return "("
                    + print(b.lhs())
                    + ") "
                    + b.op().symbol()
                    + (b.returnBool() ? " bool (" : " (")
                    + print(b.rhs())
                    + ")";
        } else if (n instanceof ToScalar t) {
            return "scalar(" + print(t.input()) + ")";
        } else if (n instanceof ToVector t) {
            return "vector(" + print(t.input()) + ")";
        } else if (n instanceof Subquery) {
            throw new IllegalStateException("a subquery prints with its window");
        }
        throw new IllegalStateException("unknown node " + n.kind());
    }

    private static String window(RangeWindow w) {
        String range;
        if (w.input() instanceof Subquery sq) {
            range =
                    "("
                            + print(sq.input())
                            + ")["
                            + w.rangeMillis()
                            + "ms:"
                            + sq.stepMillis()
                            + "ms]";
        } else {
            range = print(w.input()) + "[" + w.rangeMillis() + "ms]";
        }
        range += offset(w.offsetMillis());
        List<String> args = new ArrayList<>();
        if (w.function().equals("quantile_over_time")) {
            args.add(print(w.params().get(0)));
            args.add(range);
        } else {
            args.add(range);
            w.params().forEach(p -> args.add(print(p)));
        }
        return w.function() + "(" + String.join(", ", args) + ")";
    }

    private static String seriesFunction(SeriesFunction f) {
        if (f.function().equals("-")) {
            return "-(" + print(f.input()) + ")";
        }
        List<String> args = new ArrayList<>();
        args.add(print(f.input()));
        f.args().forEach(a -> args.add(print(a)));
        f.strings().forEach(s -> args.add(PlanText.quote(s)));
        return f.function() + "(" + String.join(", ", args) + ")";
    }

    private static String join(VectorJoin j) {
        VectorMatching m = j.matching();
        StringBuilder sb = new StringBuilder("(").append(print(j.lhs())).append(") ");
        sb.append(j.op().symbol());
        if (j.returnBool()) {
            sb.append(" bool");
        }
        sb.append(m.on() ? " on" : " ignoring").append(names(m.matchingLabels()));
        switch (m.cardinality()) {
            case MANY_TO_ONE -> sb.append(" group_left").append(names(m.include()));
            case ONE_TO_MANY -> sb.append(" group_right").append(names(m.include()));
            case ONE_TO_ONE, MANY_TO_MANY -> {}
        }
        return sb.append(" (").append(print(j.rhs())).append(")").toString();
    }

    private static String aggregate(Aggregate a) {
        LogicalNode input =
                a.phase() == Aggregate.Phase.FINAL ? ((Aggregate) a.input()).input() : a.input();
        String body = a.param() == null ? print(input) : print(a.param()) + ", " + print(input);
        return a.op().keyword()
                + (a.without() ? " without " : " by ")
                + names(a.grouping())
                + " ("
                + body
                + ")";
    }

    private static String bucket(BucketFunction b) {
        List<String> args = new ArrayList<>();
        if (b.function().equals("histogram_quantiles")) {
            args.add(print(b.input()));
            b.strings().forEach(s -> args.add(PlanText.quote(s)));
            b.args().forEach(a -> args.add(print(a)));
        } else {
            b.args().forEach(a -> args.add(print(a)));
            args.add(print(b.input()));
        }
        return b.function() + "(" + String.join(", ", args) + ")";
    }

    private static String args(List<LogicalNode> ns) {
        List<String> out = new ArrayList<>();
        ns.forEach(n -> out.add(print(n)));
        return String.join(", ", out);
    }

    private static String names(List<String> names) {
        return "(" + String.join(", ", names) + ")";
    }

    private static String offset(long millis) {
        return millis == 0 ? "" : " offset " + millis + "ms";
    }

    private static String number(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "Inf" : "(-Inf)";
        }
        String s = Double.toString(v);
        return v < 0 || (v == 0 && 1 / v < 0) ? "(" + s + ")" : s;
    }
}
