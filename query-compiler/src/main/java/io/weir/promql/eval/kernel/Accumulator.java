package io.weir.promql.eval.kernel;

/**
 * The running state of one value aggregation (sum, avg, count, min, max, group, stddev, stdvar,
 * quantile) for one group at one step. Mergeable, so that partial aggregates computed in parallel
 * (or on different Flink subtasks) combine into the same result as one pass.
 */
public interface Accumulator {

    /** Adds one input value. */
    void add(double value);

    /** Folds another accumulator of the same aggregation into this one. */
    void merge(Accumulator other);

    /** True when nothing was added or merged. */
    boolean isEmpty();

    /** The aggregate as Prometheus computes it. Undefined when {@link #isEmpty()}. */
    double result();
}
