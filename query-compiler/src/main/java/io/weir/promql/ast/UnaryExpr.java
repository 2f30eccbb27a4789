package io.weir.promql.ast;

import java.util.Objects;

/** Unary {@code -x} or {@code +x}. */
public record UnaryExpr(boolean negate, Expr expr, PositionRange pos) implements Expr {
    public UnaryExpr {
        Objects.requireNonNull(expr, "expr");
    }
}
