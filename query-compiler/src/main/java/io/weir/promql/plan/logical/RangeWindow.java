package io.weir.promql.plan.logical;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A range-vector function evaluated every {@code stepMillis}: per series, {@code function} over the
 * samples in {@code (t - offset - range, t - offset]}. The input is a scan (raw samples) or a
 * subquery (samples at its own step).
 *
 * @param params the scalar arguments other than the range vector, in argument order ({@code q} of
 *     {@code quantile_over_time}, {@code t} of {@code predict_linear}, ...)
 * @param panes how the window is sliced into panes, or null while not decided
 */
public record RangeWindow(
        LogicalNode input,
        String function,
        List<LogicalNode> params,
        long rangeMillis,
        long offsetMillis,
        long stepMillis,
        Panes panes)
        implements LogicalNode {
    public RangeWindow {
        Check.type(input, PlanType.SAMPLES);
        Objects.requireNonNull(function, "function");
        params = List.copyOf(params);
        Check.all(params, PlanType.SCALAR);
        Check.positive(rangeMillis, "range");
        Check.positive(stepMillis, "step");
    }

    public RangeWindow withPanes(Panes p) {
        return new RangeWindow(input, function, params, rangeMillis, offsetMillis, stepMillis, p);
    }

    @Override
    public PlanType type() {
        return PlanType.INSTANT_VECTOR;
    }

    @Override
    public List<LogicalNode> inputs() {
        List<LogicalNode> in = new ArrayList<>();
        in.add(input);
        in.addAll(params);
        return in;
    }

    @Override
    public LogicalNode withInputs(List<LogicalNode> in) {
        LogicalNode.checkArity(this, in);
        return new RangeWindow(
                in.get(0),
                function,
                in.subList(1, in.size()),
                rangeMillis,
                offsetMillis,
                stepMillis,
                panes);
    }

    @Override
    public String attributes() {
        return function
                + " range="
                + PlanText.duration(rangeMillis)
                + " offset="
                + PlanText.duration(offsetMillis)
                + " step="
                + PlanText.duration(stepMillis)
                + (panes == null ? "" : " " + panes);
    }
}
