package io.weir.promql.analysis;

import io.weir.promql.ast.PositionRange;
import java.util.Objects;

/**
 * A type or structure error found by the {@link Checker}: where, and Prometheus's message (the text
 * after {@code parse error: }).
 */
public record CheckError(PositionRange pos, String message) {
    public CheckError {
        Objects.requireNonNull(pos, "pos");
        Objects.requireNonNull(message, "message");
    }
}
