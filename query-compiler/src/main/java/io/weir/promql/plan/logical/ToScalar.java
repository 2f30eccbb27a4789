package io.weir.promql.plan.logical;

import java.util.List;

/** {@code scalar(v)}: the value of the only sample of {@code v} at the step, else NaN. */
public record ToScalar(LogicalNode input) implements LogicalNode {
    public ToScalar {
        Check.type(input, PlanType.INSTANT_VECTOR);
    }

    @Override
    public PlanType type() {
        return PlanType.SCALAR;
    }

    @Override
    public List<LogicalNode> inputs() {
        return List.of(input);
    }

    @Override
    public LogicalNode withInputs(List<LogicalNode> in) {
        LogicalNode.checkArity(this, in);
        return new ToScalar(in.get(0));
    }

    @Override
    public String attributes() {
        return "";
    }
}
