package io.weir.promql.ast;

/** A float literal: decimal, hex, exponent, {@code Inf} or {@code NaN}. */
public record NumberLiteral(double value, PositionRange pos) implements Expr {
    /** Compares values bitwise so that NaN literals equal each other. */
    @Override
    public boolean equals(Object o) {
        return o instanceof NumberLiteral n
                && Double.doubleToLongBits(n.value) == Double.doubleToLongBits(value);
    }

    @Override
    public int hashCode() {
        return Double.hashCode(value);
    }
}
