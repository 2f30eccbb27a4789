package io.weir.promql.plan.logical;

/**
 * What a plan node produces per evaluation step. The four PromQL value types, plus the two kinds of
 * data that only exist inside a plan: the raw samples of selected series, and the mergeable state
 * of a partial aggregation.
 */
public enum PlanType {
    SCALAR,
    INSTANT_VECTOR,
    RANGE_VECTOR,
    STRING,
    /** Raw samples of the series a scan selects, before any windowing. */
    SAMPLES,
    /** Per-group accumulators of the first phase of a two-phase aggregation. */
    PARTIAL_AGGREGATE
}
