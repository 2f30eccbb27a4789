package io.weir.promql.plan.logical;

import java.util.List;

/**
 * The evaluation time of the step in seconds: {@code time()}, and for a view also {@code start()}
 * and {@code end()} (each step of a view is evaluated like a range query over that one step).
 */
public record StepTime() implements LogicalNode {
    @Override
    public PlanType type() {
        return PlanType.SCALAR;
    }

    @Override
    public List<LogicalNode> inputs() {
        return List.of();
    }

    @Override
    public LogicalNode withInputs(List<LogicalNode> in) {
        LogicalNode.checkArity(this, in);
        return this;
    }

    @Override
    public String attributes() {
        return "";
    }
}
