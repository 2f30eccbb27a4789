package io.weir.promql.optimizer;

import io.weir.promql.plan.logical.LogicalNode;
import java.util.List;

/**
 * The optimized plan and how it came about.
 *
 * @param fired the names of the rules that fired, in order, once per firing
 * @param passes how many passes over the plan ran
 * @param fixedPoint false when the pass cap stopped the optimizer before a pass changed nothing
 */
public record OptimizerResult(
        LogicalNode plan, List<String> fired, int passes, boolean fixedPoint) {
    public OptimizerResult {
        fired = List.copyOf(fired);
    }
}
