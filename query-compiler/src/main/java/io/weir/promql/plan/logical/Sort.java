package io.weir.promql.plan.logical;

import java.util.List;
import java.util.Objects;

/**
 * {@code sort}, {@code sort_desc}, {@code sort_by_label}, {@code sort_by_label_desc}. They order an
 * instant query's result and change no value; a view's steps are range-query steps, whose series
 * order is fixed by labels, so for a view this node passes its input through.
 */
public record Sort(LogicalNode input, String function, List<String> labels) implements LogicalNode {
    public Sort {
        Check.type(input, PlanType.INSTANT_VECTOR);
        Objects.requireNonNull(function, "function");
        labels = List.copyOf(labels);
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
        return new Sort(in.get(0), function, labels);
    }

    @Override
    public String attributes() {
        return labels.isEmpty() ? function : function + " " + PlanText.names(labels);
    }
}
