package io.weir.promql.plan.physical;

import io.weir.promql.optimizer.Optimizer;
import io.weir.promql.plan.logical.LogicalNode;
import io.weir.promql.plan.logical.PlanOptions;
import io.weir.promql.plan.logical.Planner;
import java.util.Set;

/** Query text to optimized logical plan: parse, check, plan, optimize. */
public final class ViewCompiler {
    private final Optimizer optimizer;
    private final long lookbackMillis;
    private final long defaultSubqueryStepMillis;

    /**
     * @param disabledRules optimizer rules to leave out, by name
     */
    public ViewCompiler(
            Set<String> disabledRules, long lookbackMillis, long defaultSubqueryStepMillis) {
        this.optimizer = Optimizer.withDefaults(disabledRules);
        this.lookbackMillis = lookbackMillis;
        this.defaultSubqueryStepMillis = defaultSubqueryStepMillis;
    }

    /** Prometheus's defaults (5m lookback, 1m subquery step), every rule on. */
    public static ViewCompiler defaults() {
        return new ViewCompiler(Set.of(), 300_000L, 60_000L);
    }

    /**
     * Compiles one view.
     *
     * @throws io.weir.promql.PromqlException PARSE or TYPE for a bad query, UNSUPPORTED for a
     *     construct a view cannot have
     */
    public CompiledView compile(String name, String query, long stepMillis) {
        PlanOptions options =
                new PlanOptions(stepMillis, lookbackMillis, defaultSubqueryStepMillis);
        LogicalNode logical = Planner.plan(query, options);
        return new CompiledView(name, query, stepMillis, logical, optimizer.optimize(logical));
    }
}
