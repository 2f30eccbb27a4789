package io.weir.promql.optimizer.rules;

import io.weir.promql.ast.AggregateOp;
import io.weir.promql.optimizer.Rule;
import io.weir.promql.plan.logical.Aggregate;
import io.weir.promql.plan.logical.Locality;
import io.weir.promql.plan.logical.LogicalNode;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Splits an aggregation over per-series input into a partial phase, run on the series stage where
 * each subtask folds its own series into one accumulator per group (or keeps its own top k, or
 * counts its own values), and a final phase on the aggregation stage that merges the partials of a
 * group. Only the partials cross the network, one per group and subtask instead of one per series.
 *
 * <p>Every value aggregation has a mergeable accumulator (quantile's keeps the values, so it saves
 * less); topk and bottomk keep the k best per subtask, a superset of the global k best;
 * count_values counts per value. limitk and limit_ratio are left whole: which series they keep
 * depends on all series of a group at once.
 *
 * <pre>
 * before: Aggregate sum by(job)
 *           RangeWindow rate range=5m offset=0s step=1m
 * after:  Aggregate sum by(job) final
 *           Aggregate sum by(job) partial
 *             RangeWindow rate range=5m offset=0s step=1m
 * </pre>
 */
public final class SplitAggregation implements Rule {
    private static final Set<AggregateOp> DECOMPOSABLE =
            EnumSet.of(
                    AggregateOp.SUM,
                    AggregateOp.COUNT,
                    AggregateOp.MIN,
                    AggregateOp.MAX,
                    AggregateOp.AVG,
                    AggregateOp.GROUP,
                    AggregateOp.STDDEV,
                    AggregateOp.STDVAR,
                    AggregateOp.COUNT_VALUES,
                    AggregateOp.TOPK,
                    AggregateOp.BOTTOMK,
                    AggregateOp.QUANTILE);

    /** True for the aggregations this rule can split. */
    public static boolean decomposable(AggregateOp op) {
        return DECOMPOSABLE.contains(op);
    }

    @Override
    public Optional<LogicalNode> apply(LogicalNode node) {
        if (!(node instanceof Aggregate a)
                || a.phase() != Aggregate.Phase.SINGLE
                || !decomposable(a.op())
                || !Locality.perSeries(a.input())
                || (a.param() != null && !Locality.stepLocal(a.param()))) {
            return Optional.empty();
        }
        Aggregate partial = a.withPhase(a.input(), Aggregate.Phase.PARTIAL);
        return Optional.of(a.withPhase(partial, Aggregate.Phase.FINAL));
    }
}
