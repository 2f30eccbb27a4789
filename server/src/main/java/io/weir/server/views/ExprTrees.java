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
import io.weir.promql.ast.VectorSelector;
import io.weir.promql.model.Labels;
import io.weir.promql.parser.PromqlPrinter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.UnaryOperator;

/** Small tree operations on the AST that view matching needs. */
final class ExprTrees {
    private static final Comparator<LabelMatcher> MATCHER_ORDER =
            Comparator.comparing(LabelMatcher::name)
                    .thenComparing(m -> m.op().symbol())
                    .thenComparing(LabelMatcher::value);

    private ExprTrees() {}

    /** {@code e} with each direct child replaced by {@code f(child)}. */
    static Expr mapChildren(Expr e, UnaryOperator<Expr> f) {
        if (e instanceof NumberLiteral
                || e instanceof StringLiteral
                || e instanceof VectorSelector) {
            return e;
        } else if (e instanceof MatrixSelector m) {
            Expr s = f.apply(m.selector());
            return s instanceof VectorSelector vs
                    ? new MatrixSelector(vs, m.rangeMillis(), m.pos())
                    : m; // a matrix selector's child stays a selector
        } else if (e instanceof SubqueryExpr s) {
            return new SubqueryExpr(
                    f.apply(s.expr()),
                    s.rangeMillis(),
                    s.stepMillis(),
                    s.offsetMillis(),
                    s.at(),
                    s.pos());
        } else if (e instanceof Call c) {
            List<Expr> args = new ArrayList<>(c.args().size());
            for (Expr a : c.args()) {
                args.add(f.apply(a));
            }
            return new Call(c.function(), args, c.pos());
        } else if (e instanceof AggregateExpr a) {
            return new AggregateExpr(
                    a.op(),
                    f.apply(a.expr()),
                    a.param() == null ? null : f.apply(a.param()),
                    a.grouping(),
                    a.without(),
                    a.pos());
        } else if (e instanceof BinaryExpr b) {
            return new BinaryExpr(
                    b.op(),
                    f.apply(b.lhs()),
                    f.apply(b.rhs()),
                    b.matching(),
                    b.returnBool(),
                    b.pos());
        } else if (e instanceof UnaryExpr u) {
            return new UnaryExpr(u.negate(), f.apply(u.expr()), u.pos());
        } else if (e instanceof ParenExpr p) {
            return new ParenExpr(f.apply(p.expr()), p.pos());
        }
        throw new AssertionError("unknown expression " + e);
    }

    /**
     * The expression with parentheses removed, matchers sorted and the metric name written one way:
     * two expressions that mean the same (as written) print the same.
     */
    static Expr normalize(Expr e) {
        if (e instanceof ParenExpr p) {
            return normalize(p.expr());
        }
        if (e instanceof VectorSelector s) {
            List<LabelMatcher> sorted = new ArrayList<>(s.matchers());
            sorted.sort(MATCHER_ORDER);
            return new VectorSelector(null, sorted, s.offsetMillis(), s.at(), s.pos());
        }
        return mapChildren(e, ExprTrees::normalize);
    }

    /** The printed normal form, the key under which views and sub-expressions are compared. */
    static String normalForm(Expr e) {
        return PromqlPrinter.print(normalize(e));
    }

    /** True when {@code e} names a metric other than by one equality matcher on the name. */
    static String metricNameOf(VectorSelector s) {
        for (LabelMatcher m : s.matchers()) {
            if (m.name().equals(Labels.METRIC_NAME) && m.op() == LabelMatcher.MatchOp.EQUAL) {
                return m.value();
            }
        }
        return null;
    }

    /** Every vector selector of {@code e}, matrix selectors' included. */
    static void selectors(Expr e, List<VectorSelector> out) {
        if (e instanceof VectorSelector s) {
            out.add(s);
            return;
        }
        mapChildren(
                e,
                c -> {
                    selectors(c, out);
                    return c;
                });
    }
}
