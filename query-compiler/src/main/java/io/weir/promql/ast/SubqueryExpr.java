package io.weir.promql.ast;

import java.util.Objects;

/**
 * A subquery {@code expr[30m:1m]}; {@code stepMillis} is 0 for {@code expr[30m:]} (the default
 * evaluation interval applies).
 */
public record SubqueryExpr(
        Expr expr,
        long rangeMillis,
        long stepMillis,
        long offsetMillis,
        AtModifier at,
        PositionRange pos)
        implements Expr {
    public SubqueryExpr {
        Objects.requireNonNull(expr, "expr");
    }
}
