package io.weir.promql.plan.logical;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A function applied to each series on its own: element-wise math and calendar functions, {@code
 * clamp*}, {@code round}, {@code timestamp}, unary minus ({@code function} "-"), {@code
 * label_replace}, {@code label_join}, and the native-histogram functions (which give no output for
 * float samples).
 *
 * @param args the scalar arguments after the vector, in order
 * @param strings the string arguments, in order
 */
public record SeriesFunction(
        LogicalNode input, String function, List<LogicalNode> args, List<String> strings)
        implements LogicalNode {
    public SeriesFunction {
        Check.type(input, PlanType.INSTANT_VECTOR);
        Objects.requireNonNull(function, "function");
        args = List.copyOf(args);
        Check.all(args, PlanType.SCALAR);
        strings = List.copyOf(strings);
    }

    @Override
    public PlanType type() {
        return PlanType.INSTANT_VECTOR;
    }

    @Override
    public List<LogicalNode> inputs() {
        List<LogicalNode> in = new ArrayList<>();
        in.add(input);
        in.addAll(args);
        return in;
    }

    @Override
    public LogicalNode withInputs(List<LogicalNode> in) {
        LogicalNode.checkArity(this, in);
        return new SeriesFunction(in.get(0), function, in.subList(1, in.size()), strings);
    }

    @Override
    public String attributes() {
        StringBuilder sb = new StringBuilder(function);
        for (String s : strings) {
            sb.append(' ').append(PlanText.quote(s));
        }
        return sb.toString();
    }
}
