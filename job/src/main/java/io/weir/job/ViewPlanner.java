package io.weir.job;

import io.weir.promql.PromqlException;
import io.weir.promql.plan.logical.LogicalNode;
import io.weir.promql.plan.physical.ViewCompiler;

/**
 * The one place that decides how the job runs a registered view.
 *
 * <ol>
 *   <li>The view compiler checks the query: a query that does not parse or type-check, that is not
 *       a scalar or instant vector, or that pins time ({@code @ <timestamp>}, {@code @ start()} or
 *       {@code @ end()} inside a subquery) is refused with the compiler's message.
 *   <li>Plans of the shapes the stages compute themselves ({@link ViewProgram}: a selector or a
 *       range function with a kernel and constant arguments over one selector, per-series
 *       arithmetic with constants, one sum/avg/min/max/count by or without, outer arithmetic with
 *       constants, no negative offset) run on the staged path: series stage, aggregation stage,
 *       view stage.
 *   <li>A query whose selectors all sit in one aggregation of a staged shape, outside any subquery,
 *       is a hybrid ({@link HybridView}): the aggregation runs on the staged path, and the view
 *       stage evaluates the rest with the evaluator over the aggregation's per-step vector.
 *   <li>Everything else runs on the evaluated path ({@link EvaluatedView}): the view stage
 *       evaluates the expression with the evaluator over the raw samples of the selected series.
 * </ol>
 */
final class ViewPlanner {
    /** Prometheus's lookback, the reach of an instant selector; the evaluator's default too. */
    static final long LOOKBACK_MILLIS = 300_000;

    private static final ViewCompiler COMPILER = ViewCompiler.defaults();

    private ViewPlanner() {}

    /**
     * The plan of a registration.
     *
     * @throws UnsupportedViewException when the query does not compile to a view (the message is
     *     the compiler's, naming the construct)
     */
    static ViewPlan plan(ViewSpec spec) throws UnsupportedViewException {
        LogicalNode root;
        try {
            root = COMPILER.compile(spec.name(), spec.query(), spec.stepMillis()).logical();
        } catch (PromqlException e) {
            throw new UnsupportedViewException("view " + spec.name() + ": " + e.getMessage(), e);
        }
        try {
            ViewProgram staged = ViewProgram.fromPlan(spec, root);
            if (staged.offsetMillis >= 0) {
                return staged;
            }
        } catch (UnsupportedViewException e) {
            // Not a staged shape: a hybrid, or the evaluated path runs it.
        }
        HybridView hybrid = HybridView.of(spec, COMPILER);
        if (hybrid != null) {
            return hybrid;
        }
        return EvaluatedView.of(spec, LOOKBACK_MILLIS);
    }
}
