package io.weir.promql.plan.logical;

import java.util.List;

/** A constant scalar: a number literal, {@code pi()}, or {@code step()} of a view. */
public record NumberValue(double value) implements LogicalNode {
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
        return PlanText.number(value);
    }
}
