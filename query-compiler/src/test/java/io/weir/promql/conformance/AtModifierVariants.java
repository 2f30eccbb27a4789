package io.weir.promql.conformance;

import io.weir.promql.ast.AggregateExpr;
import io.weir.promql.ast.AtModifier;
import io.weir.promql.ast.BinaryExpr;
import io.weir.promql.ast.Call;
import io.weir.promql.ast.Expr;
import io.weir.promql.ast.MatrixSelector;
import io.weir.promql.ast.NumberLiteral;
import io.weir.promql.ast.ParenExpr;
import io.weir.promql.ast.StringLiteral;
import io.weir.promql.ast.SubqueryExpr;
import io.weir.promql.ast.UnaryExpr;
import io.weir.promql.ast.VectorSelector;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The step-invariance check of instant evals: the query is evaluated again with {@code @ t} pinned
 * on every selector and subquery outside subqueries, at several other times; the result must not
 * change. Queries calling a function whose value depends on the evaluation time itself are left
 * out, as the scripts' reference implementation does.
 */
final class AtModifierVariants {
    /** Functions whose result varies with the evaluation time even when their input does not. */
    static final Set<String> AT_UNSAFE_FUNCTIONS =
            Set.of(
                    "days_in_month",
                    "day_of_month",
                    "day_of_week",
                    "day_of_year",
                    "end",
                    "hour",
                    "minute",
                    "month",
                    "year",
                    "predict_linear",
                    "range",
                    "start",
                    "step",
                    "time",
                    "timestamp");

    /** One extra run: the rewritten query at another time. */
    record Variant(Expr expr, long evalTimeMillis) {}

    private AtModifierVariants() {}

    /** The extra runs for a query evaluated at {@code t}, or none when the query is time-unsafe. */
    static List<Variant> of(Expr query, long t) {
        if (callsUnsafe(query)) {
            return List.of();
        }
        Expr pinned = pin(query, t);
        long[] times =
                t == 0 ? new long[] {-1000, 0, 1000} : new long[] {-10 * t, 0, t / 5, t, 10 * t};
        List<Variant> out = new ArrayList<>();
        for (long time : times) {
            out.add(new Variant(pinned, time));
        }
        return out;
    }

    /**
     * Sets {@code @ t} on selectors and subqueries that have no fixed timestamp; subquery bodies
     * stay.
     */
    static Expr pin(Expr e, long t) {
        if (e instanceof VectorSelector vs) {
            return vs.at() instanceof AtModifier.Timestamp
                    ? vs
                    : vs.withAt(new AtModifier.Timestamp(t));
        }
        if (e instanceof MatrixSelector ms) {
            return new MatrixSelector(
                    (VectorSelector) pin(ms.selector(), t), ms.rangeMillis(), ms.pos());
        }
        if (e instanceof SubqueryExpr sq) {
            if (sq.at() instanceof AtModifier.Timestamp) {
                return sq;
            }
            return new SubqueryExpr(
                    sq.expr(),
                    sq.rangeMillis(),
                    sq.stepMillis(),
                    sq.offsetMillis(),
                    new AtModifier.Timestamp(t),
                    sq.pos());
        }
        if (e instanceof Call c) {
            List<Expr> args = new ArrayList<>();
            for (Expr a : c.args()) {
                args.add(pin(a, t));
            }
            return new Call(c.function(), args, c.pos());
        }
        if (e instanceof AggregateExpr a) {
            return new AggregateExpr(
                    a.op(),
                    pin(a.expr(), t),
                    a.param() == null ? null : pin(a.param(), t),
                    a.grouping(),
                    a.without(),
                    a.pos());
        }
        if (e instanceof BinaryExpr b) {
            return new BinaryExpr(
                    b.op(),
                    pin(b.lhs(), t),
                    pin(b.rhs(), t),
                    b.matching(),
                    b.returnBool(),
                    b.pos());
        }
        if (e instanceof UnaryExpr u) {
            return new UnaryExpr(u.negate(), pin(u.expr(), t), u.pos());
        }
        if (e instanceof ParenExpr p) {
            return new ParenExpr(pin(p.expr(), t), p.pos());
        }
        if (e instanceof NumberLiteral || e instanceof StringLiteral) {
            return e;
        }
        throw new AssertionError("unknown expression " + e);
    }

    /** Whether a time-dependent function is called outside every subquery. */
    static boolean callsUnsafe(Expr e) {
        if (e instanceof Call c) {
            if (AT_UNSAFE_FUNCTIONS.contains(c.function())) {
                return true;
            }
            return c.args().stream().anyMatch(AtModifierVariants::callsUnsafe);
        }
        if (e instanceof AggregateExpr a) {
            return callsUnsafe(a.expr()) || (a.param() != null && callsUnsafe(a.param()));
        }
        if (e instanceof BinaryExpr b) {
            return callsUnsafe(b.lhs()) || callsUnsafe(b.rhs());
        }
        if (e instanceof UnaryExpr u) {
            return callsUnsafe(u.expr());
        }
        if (e instanceof ParenExpr p) {
            return callsUnsafe(p.expr());
        }
        if (e instanceof SubqueryExpr
                || e instanceof VectorSelector
                || e instanceof MatrixSelector
                || e instanceof NumberLiteral
                || e instanceof StringLiteral) {
            return false;
        }
        throw new AssertionError("unknown expression " + e);
    }
}
