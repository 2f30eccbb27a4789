package io.weir.promql.ast;

import java.util.Objects;

/** Parentheses, kept so that printing reproduces the query's grouping. */
public record ParenExpr(Expr expr, PositionRange pos) implements Expr {
    public ParenExpr {
        Objects.requireNonNull(expr, "expr");
    }
}
