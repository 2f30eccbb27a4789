package io.weir.promql.plan.physical;

/**
 * The fixed stages of the job's pipeline that plan nodes are placed on (after the source, which
 * decodes samples and assigns watermarks and is the same for every view).
 */
public enum Stage {
    /** Keyed by series: matchers, windows, per-series functions, partial aggregation. */
    SERIES,
    /** Keyed by (plan node, group labels): final aggregation per step. */
    AGGREGATION,
    /** Keyed by view (or view and matching labels): joins, outer functions, nested aggregation. */
    VIEW,
    /**
     * Not an operator: a constant or step-time scalar, computed inside each operator that reads it.
     */
    INLINE
}
