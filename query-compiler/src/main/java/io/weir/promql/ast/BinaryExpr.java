package io.weir.promql.ast;

import java.util.Objects;

/**
 * A binary operation.
 *
 * @param matching the vector matching as written, or null when no {@code on}, {@code ignoring} or
 *     {@code group_*} clause was given (the checker and evaluator then use the default: one-to-one,
 *     ignoring nothing; many-to-many for set operators)
 * @param returnBool true when {@code bool} follows a comparison operator
 */
public record BinaryExpr(
        BinaryOp op,
        Expr lhs,
        Expr rhs,
        VectorMatching matching,
        boolean returnBool,
        PositionRange pos)
        implements Expr {
    public BinaryExpr {
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(lhs, "lhs");
        Objects.requireNonNull(rhs, "rhs");
    }
}
