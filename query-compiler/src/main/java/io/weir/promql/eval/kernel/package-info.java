/**
 * The numeric kernels of PromQL's float functions and aggregations, shared by the evaluator and the
 * streaming job so that their results cannot drift apart. Everything here works on primitive
 * arrays, is stateless or holds only per-call state, and follows Prometheus's arithmetic step for
 * step (Kahan compensation, incremental means, NaN ordering) rather than just its formulas.
 *
 * <ul>
 *   <li>{@link io.weir.promql.eval.kernel.RangeKernels#forFunction}: range-vector functions ({@code
 *       rate}, the {@code *_over_time} family, {@code deriv}, ...). The caller passes the window's
 *       samples, calls {@link io.weir.promql.eval.kernel.RangeKernel#checkParams} for every
 *       non-empty window and {@code apply} when it holds at least {@code minSamples()}.
 *   <li>{@link io.weir.promql.eval.kernel.ElementwiseFunctions}: per-sample functions, plus {@code
 *       clamp}, {@code clamp_min}, {@code clamp_max} and {@code round}.
 *   <li>{@link io.weir.promql.eval.kernel.Accumulators#create}: mergeable per-group state of the
 *       value aggregations.
 *   <li>{@link io.weir.promql.eval.kernel.Quantiles} and {@link
 *       io.weir.promql.eval.kernel.HistogramQuantiles}: quantiles of values and of classic bucket
 *       histograms, and {@code histogram_fraction} on buckets.
 * </ul>
 */
package io.weir.promql.eval.kernel;
