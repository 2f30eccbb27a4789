package io.weir.promql.ast;

import java.util.Objects;

/**
 * A range selector {@code selector[5m]}. Offset and {@code @} live on the inner selector, as in
 * Prometheus, though they are written after the brackets.
 */
public record MatrixSelector(VectorSelector selector, long rangeMillis, PositionRange pos)
        implements Expr {
    public MatrixSelector {
        Objects.requireNonNull(selector, "selector");
    }
}
