package io.weir.promql.ast;

import java.util.List;

/**
 * An instant vector selector such as {@code http_requests_total{job="api"} offset 5m @ 1000}.
 *
 * <p>As in Prometheus, {@code matchers} holds every matcher, including the {@code __name__="x"}
 * equality that a leading metric name stands for; {@code metricName} is that name when it was
 * written before the braces (or as a bare quoted string inside them), else null.
 *
 * @param offsetMillis the offset; negative for {@code offset -5m}; 0 when absent
 * @param at the {@code @} modifier, or null
 */
public record VectorSelector(
        String metricName,
        List<LabelMatcher> matchers,
        long offsetMillis,
        AtModifier at,
        PositionRange pos)
        implements Expr {
    public VectorSelector {
        matchers = List.copyOf(matchers);
    }

    public VectorSelector withOffset(long offset) {
        return new VectorSelector(metricName, matchers, offset, at, pos);
    }

    public VectorSelector withAt(AtModifier newAt) {
        return new VectorSelector(metricName, matchers, offsetMillis, newAt, pos);
    }
}
