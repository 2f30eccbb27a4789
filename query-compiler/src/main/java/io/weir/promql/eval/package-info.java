/**
 * The reference evaluator: Prometheus 3.x semantics over a {@link io.weir.promql.eval.SampleStore}.
 *
 * <h2>How a query runs</h2>
 *
 * <p>{@link io.weir.promql.eval.Engine} builds a {@code QueryContext} (store, options, limits, the
 * engine's fork-join pool) and hands the checked AST to {@code Evaluator}, which dispatches each
 * node to its operator class over a step grid ({@code Steps}; an instant query is a grid of one
 * step, so instant and range queries share every operator):
 *
 * <ul>
 *   <li>{@code Selectors}: instant selectors (lookback, staleness, offset, {@code @}) and range
 *       selectors as a {@code RangeSource};
 *   <li>{@code RangeFunctions}: the shared kernels of {@code io.weir.promql.eval.kernel} over
 *       sliding windows; {@code Subqueries} turns an inner evaluation on its aligned grid into a
 *       {@code RangeSource};
 *   <li>{@code InstantFunctions}, {@code LabelFunctions}, {@code SortFunctions}, {@code
 *       HistogramFunctions}: the other functions;
 *   <li>{@code BinaryOps} and {@code VectorMatcher}: operators and vector matching;
 *   <li>{@code Aggregations} and {@code TopK}: aggregation operators;
 *   <li>{@code Results}: late removal of metric names, label-set uniqueness, result order.
 * </ul>
 *
 * <h2>Series at a time, in parallel</h2>
 *
 * <p>An instant-vector node yields a {@code SeriesSet}: series computed on demand, each with its
 * values at every step. Per-series operators (selectors, range functions, element-wise functions,
 * vector/scalar arithmetic) wrap their input lazily, so a chain of them computes one series at a
 * time, and {@code Parallel} runs series in parallel chunks. Aggregations fold chunks into partial
 * accumulators that merge up a fixed tree (map-reduce); nodes that need whole vectors per step
 * (vector matching, topk, sort) materialise their inputs.
 */
package io.weir.promql.eval;
