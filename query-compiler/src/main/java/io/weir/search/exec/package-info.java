/**
 * Series search execution: the {@link io.weir.search.exec.SequentialExecutor} (bottom-up over every
 * series, the baseline) and the {@link io.weir.search.exec.PrefilterExecutor} (top-down over read
 * and write groups, see {@link io.weir.search.exec.GroupedPlan}), which return the same series;
 * {@link io.weir.search.exec.Explain} for EXPLAIN and EXPLAIN ANALYZE; {@link
 * io.weir.search.exec.Search} ties parsing, optimizing and executing together.
 */
package io.weir.search.exec;
