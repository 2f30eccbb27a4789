package io.weir.promql.plan.logical;

import io.weir.promql.ast.BinaryOp;
import java.util.List;
import java.util.Objects;

/**
 * A binary operator between each sample of a vector and a scalar: arithmetic, or a comparison that
 * filters (or, with {@code bool}, gives 0 or 1).
 *
 * @param scalarLeft true when the scalar is the left operand ({@code 2 - x})
 */
public record VectorScalar(
        LogicalNode vector, LogicalNode scalar, BinaryOp op, boolean scalarLeft, boolean returnBool)
        implements LogicalNode {
    public VectorScalar {
        Check.type(vector, PlanType.INSTANT_VECTOR);
        Check.type(scalar, PlanType.SCALAR);
        Objects.requireNonNull(op, "op");
        if (op.isSetOperator()) {
            throw new IllegalArgumentException("set operator " + op + " on a scalar");
        }
    }

    @Override
    public PlanType type() {
        return PlanType.INSTANT_VECTOR;
    }

    @Override
    public List<LogicalNode> inputs() {
        return List.of(vector, scalar);
    }

    @Override
    public LogicalNode withInputs(List<LogicalNode> in) {
        LogicalNode.checkArity(this, in);
        return new VectorScalar(in.get(0), in.get(1), op, scalarLeft, returnBool);
    }

    @Override
    public String attributes() {
        return (scalarLeft ? "scalar " : "vector ")
                + op.symbol()
                + (returnBool ? " bool " : " ")
                + (scalarLeft ? "vector" : "scalar");
    }
}
