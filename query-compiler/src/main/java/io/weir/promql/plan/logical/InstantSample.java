package io.weir.promql.plan.logical;

import java.util.List;

/**
 * An instant selector evaluated every {@code stepMillis}: per series, the latest sample in {@code
 * (t - offset - lookback, t - offset]}, unless it is a staleness marker.
 *
 * @param timestamps true when the value is the sample's timestamp in seconds ({@code
 *     timestamp(selector)})
 */
public record InstantSample(
        LogicalNode input,
        long lookbackMillis,
        long offsetMillis,
        long stepMillis,
        boolean timestamps)
        implements LogicalNode {
    public InstantSample {
        Check.type(input, PlanType.SAMPLES);
        Check.positive(stepMillis, "step");
        Check.positive(lookbackMillis, "lookback");
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
        return new InstantSample(in.get(0), lookbackMillis, offsetMillis, stepMillis, timestamps);
    }

    @Override
    public String attributes() {
        return "lookback="
                + PlanText.duration(lookbackMillis)
                + " offset="
                + PlanText.duration(offsetMillis)
                + " step="
                + PlanText.duration(stepMillis)
                + (timestamps ? " value=timestamp" : "");
    }
}
