package io.weir.promql.plan.logical;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A function over the buckets of classic histograms: the series that differ only in {@code le} (and
 * the metric name) form one histogram. {@code histogram_quantile}, {@code histogram_fraction},
 * {@code histogram_quantiles}.
 *
 * @param args the scalar arguments, in argument order, the vector excluded
 * @param strings the string arguments ({@code histogram_quantiles}' output label)
 */
public record BucketFunction(
        LogicalNode input, String function, List<LogicalNode> args, List<String> strings)
        implements LogicalNode {
    public BucketFunction {
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
        return new BucketFunction(in.get(0), function, in.subList(1, in.size()), strings);
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
