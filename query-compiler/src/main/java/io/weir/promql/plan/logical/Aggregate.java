package io.weir.promql.plan.logical;

import io.weir.promql.ast.AggregateOp;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An aggregation over the series of its input, per group of {@code grouping} labels ({@code by}, or
 * all labels but those with {@code without}), per step.
 *
 * <p>A {@link Phase#SINGLE} aggregation does it all at once. The two-phase rule splits one into a
 * {@link Phase#PARTIAL} aggregation, run where the input series are (each subtask folds its own
 * series into per-group accumulators, or keeps its own top k), and a {@link Phase#FINAL} one that
 * merges the partials of a group.
 *
 * @param grouping sorted, without duplicates
 * @param param the parameter of topk, bottomk, quantile, limitk, limit_ratio (a scalar) or
 *     count_values (a string); else null
 */
public record Aggregate(
        LogicalNode input,
        AggregateOp op,
        List<String> grouping,
        boolean without,
        LogicalNode param,
        Phase phase)
        implements LogicalNode {

    /** Which part of a (possibly split) aggregation this node is. */
    public enum Phase {
        SINGLE,
        PARTIAL,
        FINAL
    }

    public Aggregate {
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(phase, "phase");
        grouping = List.copyOf(grouping);
        Check.type(
                input, phase == Phase.FINAL ? PlanType.PARTIAL_AGGREGATE : PlanType.INSTANT_VECTOR);
        if (op.hasParam() != (param != null)) {
            throw new IllegalArgumentException(op.keyword() + " parameter: " + param);
        }
        if (param != null) {
            Check.type(param, op == AggregateOp.COUNT_VALUES ? PlanType.STRING : PlanType.SCALAR);
        }
    }

    public Aggregate withPhase(LogicalNode newInput, Phase p) {
        return new Aggregate(newInput, op, grouping, without, param, p);
    }

    @Override
    public PlanType type() {
        return phase == Phase.PARTIAL ? PlanType.PARTIAL_AGGREGATE : PlanType.INSTANT_VECTOR;
    }

    @Override
    public List<LogicalNode> inputs() {
        List<LogicalNode> in = new ArrayList<>();
        in.add(input);
        if (param != null) {
            in.add(param);
        }
        return in;
    }

    @Override
    public LogicalNode withInputs(List<LogicalNode> in) {
        LogicalNode.checkArity(this, in);
        return new Aggregate(
                in.get(0), op, grouping, without, param == null ? null : in.get(1), phase);
    }

    @Override
    public String attributes() {
        return op.keyword()
                + (without ? " without" : " by")
                + PlanText.names(grouping)
                + (phase == Phase.SINGLE
                        ? ""
                        : " " + phase.name().toLowerCase(java.util.Locale.ROOT));
    }
}
