package io.weir.promql.ast;

import java.util.Objects;

/** A string literal, with escapes already resolved. */
public record StringLiteral(String value, PositionRange pos) implements Expr {
    public StringLiteral {
        Objects.requireNonNull(value, "value");
    }
}
