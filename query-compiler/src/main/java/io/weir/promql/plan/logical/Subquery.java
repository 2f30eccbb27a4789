package io.weir.promql.plan.logical;

import java.util.List;

/**
 * A subquery's inner expression evaluated at absolute multiples of {@code stepMillis} (as
 * Prometheus aligns subquery steps), its points turned into samples for an enclosing {@link
 * RangeWindow}, which applies the subquery's range and offset.
 */
public record Subquery(LogicalNode input, long stepMillis) implements LogicalNode {
    public Subquery {
        Check.type(input, PlanType.INSTANT_VECTOR);
        Check.positive(stepMillis, "step");
    }

    @Override
    public PlanType type() {
        return PlanType.SAMPLES;
    }

    @Override
    public List<LogicalNode> inputs() {
        return List.of(input);
    }

    @Override
    public LogicalNode withInputs(List<LogicalNode> in) {
        LogicalNode.checkArity(this, in);
        return new Subquery(in.get(0), stepMillis);
    }

    @Override
    public String attributes() {
        return "step=" + PlanText.duration(stepMillis);
    }
}
