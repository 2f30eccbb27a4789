package io.weir.promql.plan.logical;

import io.weir.promql.ast.BinaryOp;
import io.weir.promql.ast.VectorMatching;
import java.util.List;
import java.util.Objects;

/**
 * A binary operator between two instant vectors: samples are matched by their labels as {@code
 * matching} says (the default is filled in: one-to-one ignoring nothing, many-to-many for set
 * operators).
 */
public record VectorJoin(
        LogicalNode lhs, LogicalNode rhs, BinaryOp op, VectorMatching matching, boolean returnBool)
        implements LogicalNode {
    public VectorJoin {
        Check.type(lhs, PlanType.INSTANT_VECTOR);
        Check.type(rhs, PlanType.INSTANT_VECTOR);
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(matching, "matching");
    }

    @Override
    public PlanType type() {
        return PlanType.INSTANT_VECTOR;
    }

    @Override
    public List<LogicalNode> inputs() {
        return List.of(lhs, rhs);
    }

    @Override
    public LogicalNode withInputs(List<LogicalNode> in) {
        LogicalNode.checkArity(this, in);
        return new VectorJoin(in.get(0), in.get(1), op, matching, returnBool);
    }

    @Override
    public String attributes() {
        StringBuilder sb = new StringBuilder(op.symbol());
        if (returnBool) {
            sb.append(" bool");
        }
        sb.append(matching.on() ? " on" : " ignoring")
                .append(PlanText.names(matching.matchingLabels()));
        switch (matching.cardinality()) {
            case MANY_TO_ONE -> sb.append(" group_left").append(PlanText.names(matching.include()));
            case ONE_TO_MANY ->
                    sb.append(" group_right").append(PlanText.names(matching.include()));
            case ONE_TO_ONE -> sb.append(" one-to-one");
            case MANY_TO_MANY -> sb.append(" many-to-many");
        }
        return sb.toString();
    }
}
