package io.weir.promql.plan.logical;

import io.weir.promql.ast.LabelMatcher;
import java.util.List;

/**
 * The raw samples of every series whose labels satisfy all {@code matchers}. Matchers are applied
 * in list order, so their order is a plan decision (see the cost-based ordering rule).
 */
public record SeriesScan(List<LabelMatcher> matchers) implements LogicalNode {
    public SeriesScan {
        matchers = List.copyOf(matchers);
        if (matchers.isEmpty()) {
            throw new IllegalArgumentException("a scan needs at least one matcher");
        }
    }

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
        return "{" + PlanText.matchers(matchers) + "}";
    }
}
