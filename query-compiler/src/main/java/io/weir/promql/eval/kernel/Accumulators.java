package io.weir.promql.eval.kernel;

import io.weir.promql.ast.AggregateOp;

/** Makes the accumulator of a value aggregation for one group at one step. */
public final class Accumulators {
    private Accumulators() {}

    /**
     * A fresh accumulator for {@code op}; {@code param} is the aggregation's parameter ({@code q}
     * for {@code quantile}) and is ignored by the others.
     *
     * @throws IllegalArgumentException for the aggregations that select or count samples rather
     *     than fold values ({@code topk}, {@code bottomk}, {@code count_values}, {@code limitk},
     *     {@code limit_ratio}): the evaluator handles those itself
     */
    public static Accumulator create(AggregateOp op, double param) {
        return switch (op) {
            case SUM -> new SumAccumulator();
            case AVG -> new AvgAccumulator();
            case COUNT -> new CountAccumulator(false);
            case GROUP -> new CountAccumulator(true);
            case MIN -> new MinMaxAccumulator(false);
            case MAX -> new MinMaxAccumulator(true);
            case STDDEV -> new VarianceAccumulator(true);
            case STDVAR -> new VarianceAccumulator(false);
            case QUANTILE -> new QuantileAccumulator(param);
            case TOPK, BOTTOMK, COUNT_VALUES, LIMITK, LIMIT_RATIO ->
                    throw new IllegalArgumentException(
                            op.keyword() + " is not a value aggregation");
        };
    }

    static <T extends Accumulator> T same(Class<T> type, Accumulator self, Accumulator other) {
        if (!type.isInstance(other) || other.getClass() != self.getClass()) {
            throw new IllegalArgumentException(
                    "cannot merge " + other.getClass().getSimpleName() + " into " + self);
        }
        return type.cast(other);
    }
}
