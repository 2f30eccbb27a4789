package io.weir.promql.plan.logical;

import java.util.List;

/** {@code vector(s)}: one sample without labels, of the scalar's value, at every step. */
public record ToVector(LogicalNode input) implements LogicalNode {
    public ToVector {
        Check.type(input, PlanType.SCALAR);
    }

    @Override
    public PlanType type() {
        return PlanType.INSTANT_VECTOR;
    }

    @Override
    public List<LogicalNode> inputs() {
        return List.of(input);
    }

    @Override
    public LogicalNode withInputs(List<LogicalNode> in) {
        LogicalNode.checkArity(this, in);
        return new ToVector(in.get(0));
    }

    @Override
    public String attributes() {
        return "";
    }
}
