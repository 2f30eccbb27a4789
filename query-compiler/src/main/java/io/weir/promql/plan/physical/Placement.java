package io.weir.promql.plan.physical;

import io.weir.promql.plan.logical.Absent;
import io.weir.promql.plan.logical.Aggregate;
import io.weir.promql.plan.logical.BucketFunction;
import io.weir.promql.plan.logical.EmptyScan;
import io.weir.promql.plan.logical.InstantSample;
import io.weir.promql.plan.logical.Locality;
import io.weir.promql.plan.logical.LogicalNode;
import io.weir.promql.plan.logical.NumberValue;
import io.weir.promql.plan.logical.RangeWindow;
import io.weir.promql.plan.logical.ScalarBinary;
import io.weir.promql.plan.logical.ScalarFunction;
import io.weir.promql.plan.logical.SeriesFunction;
import io.weir.promql.plan.logical.SeriesScan;
import io.weir.promql.plan.logical.Sort;
import io.weir.promql.plan.logical.StepTime;
import io.weir.promql.plan.logical.StringValue;
import io.weir.promql.plan.logical.Subquery;
import io.weir.promql.plan.logical.ToScalar;
import io.weir.promql.plan.logical.ToVector;
import io.weir.promql.plan.logical.VectorJoin;
import io.weir.promql.plan.logical.VectorScalar;
import java.util.List;

/**
 * Where a node runs and how its stage keys it. The rules, in the pipeline's order:
 *
 * <ul>
 *   <li>Per-series nodes ({@link Locality#perSeries}), partial aggregations included: the series
 *       stage, keyed by series.
 *   <li>An aggregation (final, or one that was not split) over per-series input, and a bucket
 *       function over per-series buckets: the aggregation stage, keyed by node and group.
 *   <li>A per-series function of an aggregated or joined vector stays with its input (same stage,
 *       same key), so {@code sum by (job) (x) * 2} needs no further shuffle.
 *   <li>A vector join whose inputs both come from the series or aggregation stage: the view stage,
 *       keyed by view and matching labels. Everything else: the view stage, keyed by view.
 *   <li>Constants and step-time scalars: inline, in every operator that reads them.
 * </ul>
 */
final class Placement {
    private Placement() {}

    record Place(Stage stage, StageKey key) {}

    static final Place INLINE = new Place(Stage.INLINE, new StageKey.None());
    static final Place SERIES = new Place(Stage.SERIES, new StageKey.BySeries());
    static final Place VIEW = new Place(Stage.VIEW, new StageKey.ByView());

    static Place of(LogicalNode n) {
        if (Locality.stepLocal(n)) {
            return INLINE;
        }
        if (Locality.perSeries(n)) {
            return SERIES;
        }
        if (n instanceof Aggregate a) {
            LogicalNode in =
                    a.phase() == Aggregate.Phase.FINAL ? a.input().inputs().get(0) : a.input();
            boolean fromSeries = a.phase() == Aggregate.Phase.FINAL || Locality.perSeries(in);
            // A parameter computed from other vectors (topk(scalar(y), x)) exists only on the
            // view stage, which comes after this one.
            boolean localParam = a.param() == null || Locality.stepLocal(a.param());
            return fromSeries && localParam
                    ? new Place(Stage.AGGREGATION, new StageKey.ByGroup(a.grouping(), a.without()))
                    : VIEW;
        } else if (n instanceof BucketFunction b) {
            return Locality.perSeries(b.input()) && b.args().stream().allMatch(Locality::stepLocal)
                    ? new Place(Stage.AGGREGATION, new StageKey.ByGroup(List.of("le"), true))
                    : VIEW;
        } else if (n instanceof SeriesFunction f) {
            return follow(f.input(), f.args());
        } else if (n instanceof VectorScalar v) {
            return follow(v.vector(), List.of(v.scalar()));
        } else if (n instanceof Sort s) {
            return follow(s.input(), List.of());
        } else if (n instanceof VectorJoin j) {
            return join(j);
        } else if (n instanceof RangeWindow
                || n instanceof Subquery
                || n instanceof Absent
                || n instanceof ToVector
                || n instanceof ToScalar
                || n instanceof ScalarFunction
                || n instanceof ScalarBinary) {
            return VIEW;
        } else if (n instanceof SeriesScan
                || n instanceof EmptyScan
                || n instanceof InstantSample
                || n instanceof NumberValue
                || n instanceof StringValue
                || n instanceof StepTime) {
            throw new IllegalStateException(n.kind() + " is always per series or inline");
        }
        throw new IllegalStateException("unknown node " + n.kind());
    }

    /** A per-series operation stays where its vector input is, if its scalars are step-local. */
    private static Place follow(LogicalNode input, List<LogicalNode> scalars) {
        if (!scalars.stream().allMatch(Locality::stepLocal)) {
            return VIEW;
        }
        Place in = of(input);
        return in.stage() == Stage.SERIES ? VIEW : in;
    }

    private static Place join(VectorJoin j) {
        Stage l = of(j.lhs()).stage();
        Stage r = of(j.rhs()).stage();
        if (l == Stage.VIEW || r == Stage.VIEW) {
            return VIEW;
        }
        return new Place(
                Stage.VIEW,
                new StageKey.ByViewAndLabels(j.matching().matchingLabels(), j.matching().on()));
    }
}
