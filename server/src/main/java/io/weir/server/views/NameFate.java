package io.weir.server.views;

import io.weir.promql.ast.AggregateExpr;
import io.weir.promql.ast.BinaryExpr;
import io.weir.promql.ast.Call;
import io.weir.promql.ast.Expr;
import io.weir.promql.ast.LabelMatcher;
import io.weir.promql.ast.MatrixSelector;
import io.weir.promql.ast.NumberLiteral;
import io.weir.promql.ast.ParenExpr;
import io.weir.promql.ast.StringLiteral;
import io.weir.promql.ast.SubqueryExpr;
import io.weir.promql.ast.UnaryExpr;
import io.weir.promql.ast.VectorMatching;
import io.weir.promql.ast.VectorSelector;
import io.weir.promql.model.Labels;
import java.util.Set;

/**
 * What becomes of the metric name in an expression's output, as far as the expression alone tells:
 * dropped, kept with one known name, or unknown. A view stores its output named by the view, so the
 * name an expression would have had is lost; view matching answers a sub-expression from a view
 * only when this is known, to give the output the name it would have had.
 *
 * @param name null when the name is dropped; the name when it is kept
 */
record NameFate(boolean known, String name) {
    static final NameFate DROPPED = new NameFate(true, null);
    static final NameFate UNKNOWN = new NameFate(false, null);

    /** Instant functions that drop the metric name, as Prometheus's do. */
    private static final Set<String> DROPPING_FUNCTIONS =
            Set.of(
                    "abs",
                    "ceil",
                    "floor",
                    "exp",
                    "sqrt",
                    "ln",
                    "log2",
                    "log10",
                    "round",
                    "clamp",
                    "clamp_min",
                    "clamp_max",
                    "sgn",
                    "acos",
                    "acosh",
                    "asin",
                    "asinh",
                    "atan",
                    "atanh",
                    "cos",
                    "cosh",
                    "sin",
                    "sinh",
                    "tan",
                    "tanh",
                    "deg",
                    "rad",
                    "histogram_quantile",
                    "histogram_fraction",
                    "timestamp",
                    "day_of_month",
                    "day_of_week",
                    "day_of_year",
                    "days_in_month",
                    "hour",
                    "minute",
                    "month",
                    "year");

    static NameFate kept(String name) {
        return new NameFate(true, name);
    }

    /** The fate of {@code e}'s metric name, for an instant-vector expression. */
    static NameFate of(Expr e) {
        if (e instanceof VectorSelector s) {
            for (LabelMatcher m : s.matchers()) {
                if (m.name().equals(Labels.METRIC_NAME) && m.op() == LabelMatcher.MatchOp.EQUAL) {
                    return kept(m.value());
                }
            }
            return UNKNOWN;
        } else if (e instanceof ParenExpr p) {
            return of(p.expr());
        } else if (e instanceof UnaryExpr u) {
            return u.negate() ? DROPPED : of(u.expr());
        } else if (e instanceof AggregateExpr a) {
            return switch (a.op()) {
                case TOPK, BOTTOMK, LIMITK, LIMIT_RATIO -> of(a.expr());
                case SUM, AVG, COUNT, MIN, MAX, GROUP, STDDEV, STDVAR, QUANTILE, COUNT_VALUES ->
                        DROPPED;
            };
        } else if (e instanceof BinaryExpr b) {
            return binary(b);
        } else if (e instanceof Call c) {
            return call(c);
        } else if (e instanceof NumberLiteral
                || e instanceof StringLiteral
                || e instanceof MatrixSelector
                || e instanceof SubqueryExpr) {
            return UNKNOWN; // not an instant vector
        }
        throw new AssertionError("unknown expression " + e);
    }

    private static NameFate binary(BinaryExpr b) {
        boolean lhsVector = isVector(b.lhs());
        boolean rhsVector = isVector(b.rhs());
        if (b.op().isSetOperator()) {
            if (b.op().symbol().equals("or")) {
                NameFate l = of(b.lhs());
                NameFate r = of(b.rhs());
                return l.equals(DROPPED) && r.equals(DROPPED) ? DROPPED : UNKNOWN;
            }
            return of(b.lhs());
        }
        if (!b.op().isComparison() || b.returnBool()) {
            return DROPPED;
        }
        // A filtering comparison keeps the labels of the vector side (of the "many" side).
        if (lhsVector && rhsVector) {
            VectorMatching m = b.matching();
            if (m != null && m.cardinality() == VectorMatching.Cardinality.ONE_TO_MANY) {
                return of(b.rhs());
            }
            return of(b.lhs());
        }
        return lhsVector ? of(b.lhs()) : of(b.rhs());
    }

    private static NameFate call(Call c) {
        String f = c.function();
        if (f.equals("last_over_time") || f.equals("first_over_time")) {
            Expr arg = c.args().get(0);
            if (arg instanceof MatrixSelector m) {
                return of(m.selector());
            }
            if (arg instanceof SubqueryExpr s) {
                return of(s.expr());
            }
            return UNKNOWN;
        }
        for (Expr a : c.args()) {
            if (a instanceof MatrixSelector || a instanceof SubqueryExpr) {
                // Every other range function drops the name.
                return f.equals("absent_over_time") ? UNKNOWN : DROPPED;
            }
        }
        return DROPPING_FUNCTIONS.contains(f) ? DROPPED : UNKNOWN;
    }

    private static boolean isVector(Expr e) {
        return io.weir.promql.analysis.Types.typeOf(e)
                == io.weir.promql.ast.ValueType.INSTANT_VECTOR;
    }
}
