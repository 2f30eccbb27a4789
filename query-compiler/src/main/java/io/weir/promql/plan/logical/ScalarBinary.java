package io.weir.promql.plan.logical;

import io.weir.promql.ast.BinaryOp;
import java.util.List;
import java.util.Objects;

/** A binary operator between two scalars; a comparison needs {@code bool} and gives 0 or 1. */
public record ScalarBinary(LogicalNode lhs, LogicalNode rhs, BinaryOp op, boolean returnBool)
        implements LogicalNode {
    public ScalarBinary {
        Check.type(lhs, PlanType.SCALAR);
        Check.type(rhs, PlanType.SCALAR);
        Objects.requireNonNull(op, "op");
    }

    @Override
    public PlanType type() {
        return PlanType.SCALAR;
    }

    @Override
    public List<LogicalNode> inputs() {
        return List.of(lhs, rhs);
    }

    @Override
    public LogicalNode withInputs(List<LogicalNode> in) {
        LogicalNode.checkArity(this, in);
        return new ScalarBinary(in.get(0), in.get(1), op, returnBool);
    }

    @Override
    public String attributes() {
        return op.symbol() + (returnBool ? " bool" : "");
    }
}
