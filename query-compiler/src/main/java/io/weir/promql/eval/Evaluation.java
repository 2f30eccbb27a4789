package io.weir.promql.eval;

import java.util.List;
import java.util.Objects;

/**
 * A query's result with the annotations Prometheus reports next to it ({@code warnings} and {@code
 * infos} of the HTTP API), each ending with the query position it concerns.
 */
public record Evaluation(QueryValue value, List<String> warnings, List<String> infos) {
    public Evaluation {
        Objects.requireNonNull(value, "value");
        warnings = List.copyOf(warnings);
        infos = List.copyOf(infos);
    }
}
