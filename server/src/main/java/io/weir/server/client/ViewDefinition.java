package io.weir.server.client;

import java.util.Objects;

/**
 * What {@code POST /api/v1/views} takes: a name, a PromQL query, a step, and optionally a lateness
 * and a retention (Prometheus durations; null leaves the server's default).
 */
public record ViewDefinition(
        String name, String query, String step, String lateness, String retention) {
    public ViewDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(step, "step");
    }
}
