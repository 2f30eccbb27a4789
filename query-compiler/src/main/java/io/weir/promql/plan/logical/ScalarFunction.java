package io.weir.promql.plan.logical;

import java.util.List;
import java.util.Objects;

/** A function of scalars to a scalar: unary minus ({@code "-"}), {@code max_of}, {@code min_of}. */
public record ScalarFunction(String function, List<LogicalNode> args) implements LogicalNode {
    public ScalarFunction {
        Objects.requireNonNull(function, "function");
        args = List.copyOf(args);
        Check.all(args, PlanType.SCALAR);
    }

    @Override
    public PlanType type() {
        return PlanType.SCALAR;
    }

    @Override
    public List<LogicalNode> inputs() {
        return args;
    }

    @Override
    public LogicalNode withInputs(List<LogicalNode> in) {
        LogicalNode.checkArity(this, in);
        return new ScalarFunction(function, in);
    }

    @Override
    public String attributes() {
        return function;
    }
}
