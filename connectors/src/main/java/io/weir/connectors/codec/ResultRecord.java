package io.weir.connectors.codec;

import io.weir.promql.model.Labels;
import java.util.Objects;

/**
 * One value of one output series of a view at one step: a {@code weir.results} record. The value
 * may be a staleness marker, written when the series disappears from the view's output.
 */
public record ResultRecord(
        String view, Labels series, long stepMillis, double value, ResultKind kind) {
    public ResultRecord {
        Objects.requireNonNull(view, "view");
        Objects.requireNonNull(series, "series");
        Objects.requireNonNull(kind, "kind");
    }
}
