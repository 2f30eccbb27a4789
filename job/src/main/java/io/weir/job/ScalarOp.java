package io.weir.job;

import io.weir.promql.ast.BinaryOp;

/**
 * Arithmetic between each series of a vector and a constant: {@code v op c}, or {@code c op v} when
 * {@code scalarLeft}. Only the four IEEE operations run yet; they are exact, so no Go-specific
 * rounding can make the job and the evaluator disagree.
 */
public record ScalarOp(BinaryOp op, double constant, boolean scalarLeft) {

    /** The operators this stage applies. */
    public static boolean supports(BinaryOp op) {
        return op == BinaryOp.ADD || op == BinaryOp.SUB || op == BinaryOp.MUL || op == BinaryOp.DIV;
    }

    /** {@code a op b} for a supported operator. */
    public static double apply(BinaryOp op, double a, double b) {
        return switch (op) {
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case DIV -> a / b;
            case OR, AND, UNLESS, EQL, NEQ, GTR, LSS, GTE, LTE, MOD, ATAN2, POW ->
                    throw new IllegalArgumentException("operator " + op.symbol());
        };
    }

    /** This operation on one series' value. */
    public double apply(double v) {
        return scalarLeft ? apply(op, constant, v) : apply(op, v, constant);
    }
}
