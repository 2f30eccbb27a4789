/**
 * The one Flink job of Weir ({@link io.weir.job.WeirJob}): a fixed graph that runs every registered
 * view.
 *
 * <pre>
 * metrics (Kafka, binary) -> split dead letters -> series stage (keyBy series hash)
 *     -> aggregation stage (keyBy view, group) ----------------+
 *     -> raw samples of evaluated views (side output) ---------+-> view stage (keyBy view) -> results (EOS)
 * queries (Kafka, compacted) -> broadcast to the series and aggregation stages
 *                            -> keyed by view name to the view stage
 * undecodable and late samples -> dead letters (EOS)
 * </pre>
 *
 * <p><b>What runs where.</b> {@link io.weir.job.ViewPlanner} decides, in one place, for every
 * registration:
 *
 * <ul>
 *   <li><b>Refused</b> at registration, with the compiler's message naming the construct: a query
 *       that does not parse or type-check, whose result is not a scalar or instant vector, or that
 *       pins time ({@code @ <timestamp>}; {@code @ start()} or {@code @ end()} inside a subquery).
 *       {@code @ start()} and {@code @ end()} elsewhere mean the step itself (the compiler's view
 *       semantics), and so do {@code start()} and {@code end()}; {@code step()} is the view's step.
 *   <li><b>Staged path</b> ({@link io.weir.job.ViewProgram}): an instant selector, or a range
 *       function with a shared kernel (every one but {@code absent_over_time}: {@code rate}, {@code
 *       increase}, {@code delta}, {@code irate}, {@code idelta}, {@code deriv}, {@code
 *       predict_linear}, {@code resets}, {@code changes}, the {@code *_over_time} family with
 *       {@code quantile_over_time}, {@code mad_over_time} and {@code ts_of_*}, {@code
 *       double_exponential_smoothing}) with constant arguments, over one selector with a
 *       non-negative offset; {@code + - * /} with constants; at most one {@code
 *       sum/avg/min/max/count} by or without; outer {@code + - * /} with constants. The series
 *       stage evaluates the leaf with the shared kernels at an event-time timer at {@code t +
 *       lateness}; identical leaves (same plan node: selector, function, range, offset and step) of
 *       different views are computed once per series and step. The aggregation stage folds groups
 *       with the shared accumulators; the view stage applies the outer arithmetic.
 *   <li><b>Hybrid</b> ({@link io.weir.job.HybridView}): a query whose selectors all sit in one
 *       aggregation of a staged shape, outside any subquery and not mentioning {@code __name__}
 *       ({@code histogram_quantile(0.9, sum by (le) (rate(x_bucket[5m])))}, {@code max(sum by (job)
 *       (...))}, {@code topk(3, sum by (job) (...))}, {@code sum(x) > 100}): the aggregation runs
 *       on the staged path, and the view stage evaluates the rest with the evaluator over the
 *       aggregation's per-step vector, which alone fills an empty store under a synthetic metric
 *       name that is removed from the output.
 *   <li><b>Evaluated path</b> ({@link io.weir.job.EvaluatedView}): everything else (joins with
 *       on/ignoring and group_left/right, set operators, comparisons, nested aggregations,
 *       topk/bottomk/quantile/count_values/limitk/limit_ratio/stddev/stdvar/group, subqueries,
 *       negative offsets, histogram_quantile, functions with parameters, absent, label functions,
 *       scalar views, ...). The series stage forwards the raw samples of every series one of the
 *       view's selectors selects (the series' whole buffer the first time), keyed by view; the view
 *       stage keeps what the view can still read (the largest selector reach: lookback or range,
 *       offsets, enclosing subquery ranges and offsets) and at each step runs the evaluator itself
 *       ({@code Engine.rangeQuery} over {@code [t, t]} with the view's step), so no operator has a
 *       second implementation. A negative offset delays the step's final time by as much.
 * </ul>
 *
 * <p><b>Registration.</b> Each registration on the queries topic is planned on every subtask of
 * every stage (planning is deterministic); a refused one is logged and counted ({@code
 * weir.views_rejected}) and the job runs on. A view starts at the first step after its registration
 * record's Kafka timestamp, the same on every subtask and after every restart. The view stage keeps
 * each view's registration in keyed state and runs a chain of event-time timers, one per step, so a
 * view produces its steps whether or not samples arrive ({@code vector(1)}, {@code absent(x)}). A
 * drop frees the view's state in the view stage at once, in the aggregation stage when its timers
 * fire.
 *
 * <p><b>Steps.</b> A step {@code t} of a view with lateness {@code L} is final when the watermark
 * passes {@code t + L} (plus the forward reach of a negative offset): the view stage then emits the
 * FINAL results of {@code t}, and a FINAL staleness marker ({@code StaleNaN}) at {@code t} for
 * every output series of step {@code t - step} that is absent at {@code t}, as Prometheus writes
 * for rules. When the watermark passes {@code t} (before the step is final; views with lateness 0
 * have none), step {@code t} is emitted once flagged EARLY: on the staged path the series stage
 * evaluates the leaf then too and the aggregation stage folds those points apart; on the evaluated
 * path the view stage evaluates the step with the samples it has. A sample whose every step is
 * already final for every view that reads it goes to the dead letters as {@code late}; undecodable
 * records go there too.
 *
 * <p><b>Known gaps.</b> The evaluated path evaluates the whole expression on one subtask per view
 * over raw samples: correct for every construct, but it does not scale with the number of series a
 * view reads as the staged and hybrid paths do (next: stage several aggregations, joins and range
 * functions with parameters, and evaluate only the rest). Identical leaves are shared on the staged
 * and hybrid paths only. A view registered while samples flow sees a series from that series' next
 * sample, with what the series stage still buffers (lookback plus the default lateness at least);
 * steps that became final in between miss it. A series that stops receiving samples and is read by
 * no view keeps its last samples.
 */
package io.weir.job;
