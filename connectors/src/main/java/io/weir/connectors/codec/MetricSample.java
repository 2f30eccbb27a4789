package io.weir.connectors.codec;

import io.weir.promql.model.Labels;
import java.util.Objects;

/**
 * One sample of one series, as the job consumes it. The value may be a staleness marker; compare
 * values with {@link Double#doubleToRawLongBits} where the marker matters, since record equality
 * treats every NaN alike.
 */
public record MetricSample(Labels labels, long timestampMillis, double value) {
    public MetricSample {
        Objects.requireNonNull(labels, "labels");
    }
}
