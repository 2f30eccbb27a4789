package io.weir.promql.plan.logical;

import java.util.List;

/**
 * A scan that can select no series, because its matchers contradict each other (e.g. {@code a="x",
 * a="y"}). It reads nothing from the source.
 */
public record EmptyScan() implements LogicalNode {
    @Override
    public PlanType type() {
        return PlanType.SAMPLES;
    }

    @Override
    public List<LogicalNode> inputs() {
        return List.of();
    }

    @Override
    public LogicalNode withInputs(List<LogicalNode> inputs) {
        LogicalNode.checkArity(this, inputs);
        return this;
    }

    @Override
    public String attributes() {
        return "";
    }
}
