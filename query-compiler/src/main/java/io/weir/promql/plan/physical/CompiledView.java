package io.weir.promql.plan.physical;

import io.weir.promql.optimizer.OptimizerResult;
import io.weir.promql.plan.logical.LogicalNode;

/**
 * A view compiled on its own: its logical plan as built from the query, and the optimizer's result.
 */
public record CompiledView(
        String name,
        String query,
        long stepMillis,
        LogicalNode logical,
        OptimizerResult optimized) {
    /** The optimized plan. */
    public LogicalNode plan() {
        return optimized.plan();
    }
}
