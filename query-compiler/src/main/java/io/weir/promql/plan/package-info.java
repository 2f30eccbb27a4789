/**
 * From a checked PromQL AST to the plan of a continuous view: what to compute ({@link
 * io.weir.promql.plan.logical}), rewritten by the optimizer ({@link io.weir.promql.optimizer}), and
 * where to compute it in the job ({@link io.weir.promql.plan.physical}).
 *
 * <p><b>What a view means.</b> A view {@code (query, step S)} is evaluated at every {@code t = k
 * S}. Its value at {@code t} is what a Prometheus range query of the query returns over {@code [t,
 * t]} with step {@code S}; for any query without {@code @ start()}, {@code @ end()}, {@code
 * start()}, {@code end()} or {@code range()} that is the value at {@code t} of a range query over
 * any range containing {@code t}. So {@code @ start()} and {@code @ end()} pin a selector to the
 * step itself (they are dropped), {@code start()} and {@code end()} are {@code time()}, {@code
 * range()} is 0 and {@code step()} is {@code S}. {@code @ <timestamp>} would pin evaluation to a
 * fixed time, and is rejected with an UNSUPPORTED error that points at the {@code @}. A view's
 * result must be a scalar or an instant vector, as a range query's must.
 *
 * <p><b>The logical plan</b> is a tree of records under the sealed {@link
 * io.weir.promql.plan.logical.LogicalNode}: scans of series by matchers, instant samples (lookback,
 * offset), range windows (function, range, offset, scalar parameters) over scans or over subqueries
 * (the inner plan evaluated at absolute multiples of the subquery's step, as Prometheus aligns it),
 * per-series functions, vector-scalar and vector-vector operators (with the default matching made
 * explicit), aggregations, bucket functions of classic histograms, absent, sort, and scalar nodes.
 * Each node computes one value per step of the grid it is evaluated on; the nodes that look at time
 * carry their step, so a node is fully described by its content. Nodes compare by content and have
 * an id derived from it (a digest of kind, attributes and input ids): the same sub-plan in two
 * views is the same node with the same id, in every JVM and across restarts.
 *
 * <p><b>The optimizer</b> runs the one ordered rule list of {@link
 * io.weir.promql.optimizer.OptimizerRules} to a fixed point: matcher normalisation and merging
 * (down to an empty scan for contradictions), cost-based ordering of matchers, two-phase
 * aggregation, and pane slicing of sliding windows. It checks after every rewrite that the value
 * type and label schema of the rewritten node are unchanged. Optimized plans of all views then go
 * into {@link io.weir.promql.optimizer.SharedPlans}, a DAG in which identical sub-plans are one
 * node with the set of views that use it: adding a view reuses what is there, dropping one frees
 * what only it used.
 *
 * <p><b>The physical plan</b> places every node of that DAG on one of the job's fixed stages with
 * its key: the series stage keyed by series (scans, samples, windows, per-series functions, partial
 * aggregates), the aggregation stage keyed by node and group labels (final aggregation, bucket
 * functions over raw buckets, and per-series functions of their output), and the view stage keyed
 * by view, or by view and matching labels for a join (nested aggregations, joins, scalar(), absent,
 * subqueries over aggregated input). Each physical node carries an operator name and state version
 * which, with the node id, give the stable Flink operator uid; and estimated cost. It is plain data
 * for the Flink translator; since compilation is deterministic, a job may also ship a view's query
 * and step and compile it again on each subtask, getting the same ids. {@link
 * io.weir.promql.explain.Explain} renders it as text and JSON.
 */
package io.weir.promql.plan;
