package io.weir.search.ast;

import io.weir.promql.ast.PositionRange;
import java.util.Objects;

/**
 * {@code pct(q, range) op threshold}: the series whose q-quantile over the last {@code range}
 * compares true with the threshold. A series with no samples in the range has no quantile, and
 * every comparison with it is false (as a comparison with NaN).
 */
public record Percentile(
        double quantile, long rangeMillis, Comparison op, double threshold, PositionRange pos)
        implements Predicate {
    public Percentile {
        pos = pos == null ? PositionRange.NONE : pos;
        Objects.requireNonNull(op, "op");
        if (!(quantile >= 0 && quantile <= 1)) {
            throw new IllegalArgumentException("quantile must be between 0 and 1");
        }
        if (rangeMillis <= 0) {
            throw new IllegalArgumentException("range must be positive");
        }
    }

    /** Whether {@code value op threshold} holds; false for a NaN on either side, except !=. */
    public boolean test(double value) {
        return op.test(value, threshold);
    }

    /** A node written nowhere: made by the optimizer or a test. */
    public Percentile(double quantile, long rangeMillis, Comparison op, double threshold) {
        this(quantile, rangeMillis, op, threshold, PositionRange.NONE);
    }

    @Override
    public <R> R accept(PredicateVisitor<R> v) {
        return v.visitPercentile(this);
    }
}
