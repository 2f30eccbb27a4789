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
        switch (op) {
            case SUM:
                return new SumAccumulator();
            case AVG:
                return new AvgAccumulator();
            case COUNT:
                return new CountAccumulator(false);
            case GROUP:
                return new CountAccumulator(true);
            case MIN:
                return new MinMaxAccumulator(false);
            case MAX:
                return new MinMaxAccumulator(true);
            case STDDEV:
                return new VarianceAccumulator(true);
            case STDVAR:
                return new VarianceAccumulator(false);
            case QUANTILE:
                return new QuantileAccumulator(param);
            case TOPK:
            case BOTTOMK:
            case COUNT_VALUES:
            case LIMITK:
            case LIMIT_RATIO:
                throw new IllegalArgumentException(op.keyword() + " is not a value aggregation");
        }
        throw new AssertionError(op);
    }

    static <T extends Accumulator> T same(Class<T> type, Accumulator self, Accumulator other) {
        if (!type.isInstance(other) || other.getClass() != self.getClass()) {
            throw new IllegalArgumentException(
                    "cannot merge " + other.getClass().getSimpleName() + " into " + self);
        }
        return type.cast(other);
    }
}
