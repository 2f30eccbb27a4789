package io.weir.promql.plan.logical;

import io.weir.promql.model.Labels;
import java.util.List;
import java.util.Objects;

/**
 * One sample of value 1 with {@code labels} at every step where the input has no sample ({@code
 * absent}; {@code absent_over_time} is this over {@code count_over_time}). The labels are taken
 * from the argument's equality matchers when the plan is built, before any rule rewrites them.
 */
public record Absent(LogicalNode input, Labels labels) implements LogicalNode {
    public Absent {
        Check.type(input, PlanType.INSTANT_VECTOR);
        Objects.requireNonNull(labels, "labels");
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
        return new Absent(in.get(0), labels);
    }

    @Override
    public String attributes() {
        return labels.toString();
    }
}
