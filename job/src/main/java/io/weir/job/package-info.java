/**
 * The one Flink job of Weir ({@link io.weir.job.WeirJob}): a fixed graph that runs every registered
 * view.
 *
 * <pre>
 * metrics (Kafka, binary) -> split dead letters -> series stage (keyBy series hash)
 *                                                     -> aggregation stage (keyBy view, group)
 *                                                     -> view stage (keyBy view) -> results (EOS)
 * queries (Kafka, compacted) -> broadcast to all three stages
 * undecodable and late samples -> dead letters (EOS)
 * </pre>
 *
 * <p><b>Registration.</b> Each registration on the queries topic is compiled on every subtask of
 * every stage (compilation is deterministic); what the stages do not run yet is refused there with
 * an error naming the construct, logged and counted ({@code weir.views_rejected}), and the job runs
 * on. A view starts at the first step after its registration record's Kafka timestamp, the same on
 * every subtask and after every restart. A drop removes the view from the broadcast state; its
 * pending aggregation state is freed when its timers fire.
 *
 * <p><b>Steps.</b> A step {@code t} of a view with lateness {@code L} is computed when the
 * watermark passes {@code t + L} (event-time timers): the series stage evaluates the selector or
 * range function of every buffered series with the shared kernels, the aggregation stage folds the
 * values of a group with the shared accumulators on its own timer at {@code t + L} (which fires
 * after every series-stage subtask has emitted step {@code t}), the view stage applies the outer
 * arithmetic and emits a final {@link io.weir.connectors.codec.ResultRecord}. A sample whose first
 * step is already final for every view that reads it goes to the dead letters as {@code late}.
 *
 * <p><b>Runs so far</b> ({@link io.weir.job.ViewProgram}): instant selectors (with offset), the
 * range functions without parameters that have kernels ({@code rate}, {@code increase}, {@code
 * delta}, {@code irate}, {@code idelta}, {@code resets}, {@code changes}, {@code deriv}, and the
 * {@code avg/min/max/sum/count/last/first/stddev/stdvar/present_over_time} family) over a selector,
 * {@code sum/avg/min/max/count} with {@code by} or {@code without}, and {@code + - * /} with
 * constant scalars on either side, before or after the aggregation. Everything else is refused at
 * registration. Known gaps: no staleness markers when a view's output series disappears, no early
 * results, no sharing of identical sub-plans between views (the physical plan's node placement is
 * not used yet), the aggregation stage is keyed by view rather than by plan node; a view registered
 * while samples flow sees a series from that series' next sample (steps that became final in
 * between miss it); series buffers keep at least lookback plus the default lateness, and a series
 * that stops receiving samples and is read by no view keeps its last samples.
 */
package io.weir.job;
