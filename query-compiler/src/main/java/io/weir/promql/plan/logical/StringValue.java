package io.weir.promql.plan.logical;

import java.util.List;
import java.util.Objects;

/** A string literal (a view may not return one; it is the parameter of count_values). */
public record StringValue(String value) implements LogicalNode {
    public StringValue {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public PlanType type() {
        return PlanType.STRING;
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
        return PlanText.quote(value);
    }
}
