package io.weir.connectors.codec;

import java.time.Duration;
import java.util.Objects;

/**
 * A view as registered on {@code weir.queries}: its name, the PromQL expression, the evaluation
 * step, how late data may arrive before a step is final, and how long results are kept.
 */
public record QueryRegistration(
        String name, String query, Duration step, Duration lateness, Duration retention) {
    public QueryRegistration {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(lateness, "lateness");
        Objects.requireNonNull(retention, "retention");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("view name must not be empty");
        }
        if (step.toMillis() <= 0) {
            throw new IllegalArgumentException("step must be positive");
        }
        if (lateness.isNegative()) {
            throw new IllegalArgumentException("lateness must not be negative");
        }
        if (retention.isNegative()) {
            throw new IllegalArgumentException("retention must not be negative");
        }
    }
}
