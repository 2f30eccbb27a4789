package io.weir.promql.plan.physical;

import io.weir.promql.ast.LabelMatcher;
import io.weir.promql.optimizer.MatcherCosts;
import io.weir.promql.plan.logical.Aggregate;
import io.weir.promql.plan.logical.EmptyScan;
import io.weir.promql.plan.logical.InstantSample;
import io.weir.promql.plan.logical.Locality;
import io.weir.promql.plan.logical.LogicalNode;
import io.weir.promql.plan.logical.PlanType;
import io.weir.promql.plan.logical.RangeWindow;
import io.weir.promql.plan.logical.SeriesScan;
import io.weir.promql.plan.logical.Subquery;
import io.weir.promql.plan.logical.ToVector;
import io.weir.promql.plan.logical.VectorJoin;
import java.util.Map;

/**
 * Estimates without statistics. Assumptions: {@link MatcherCosts#UNIVERSE} series to choose from, a
 * 15 s scrape interval, 16 bytes a sample, 32 bytes a pane summary or accumulator, {@value
 * #PARALLELISM} subtasks, and ten values per grouping label.
 */
final class CostModel {
    static final long SCRAPE_MILLIS = 15_000;
    static final int PARALLELISM = 2;
    private static final double SAMPLE_BYTES = 16;
    private static final double SUMMARY_BYTES = 32;

    private CostModel() {}

    /** The cost of {@code n}, given the costs of its inputs. */
    static Cost of(LogicalNode n, Map<LogicalNode, Cost> known) {
        if (n.type() == PlanType.SCALAR || n.type() == PlanType.STRING) {
            return Locality.stepLocal(n) ? Cost.ZERO : new Cost(1, SAMPLE_BYTES, in(n, known));
        }
        if (n instanceof SeriesScan s) {
            double series = MatcherCosts.series(s.matchers());
            double test = 0;
            for (LabelMatcher m : s.matchers()) {
                test += MatcherCosts.cost(m);
            }
            return new Cost(series, 0, series * test / 10);
        } else if (n instanceof EmptyScan) {
            return Cost.ZERO;
        } else if (n instanceof InstantSample) {
            double series = series(n, known);
            return new Cost(series, series * SAMPLE_BYTES, series);
        } else if (n instanceof RangeWindow w) {
            return window(w, known);
        } else if (n instanceof Subquery s) {
            double series = series(s, known);
            return new Cost(series, 0, series);
        } else if (n instanceof Aggregate a) {
            return aggregate(a, known);
        } else if (n instanceof ToVector) {
            return new Cost(1, 0, 1);
        } else if (n instanceof VectorJoin j) {
            double l = known.get(j.lhs()).series();
            double r = known.get(j.rhs()).series();
            return new Cost(Math.max(l, r), (l + r) * SAMPLE_BYTES, l + r);
        }
        double series = series(n, known);
        return new Cost(series, 0, series);
    }

    private static Cost window(RangeWindow w, Map<LogicalNode, Cost> known) {
        double series = known.get(w.input()).series();
        long interval = w.input() instanceof Subquery s ? s.stepMillis() : SCRAPE_MILLIS;
        double samples = Math.max(1, (double) w.rangeMillis() / interval);
        double copies = Math.ceil((double) w.rangeMillis() / w.stepMillis());
        if (w.panes() == null) {
            // Without panes, a sample is held by every window that contains it.
            return new Cost(series, series * samples * SAMPLE_BYTES * copies, series * samples);
        }
        return switch (w.panes().mode()) {
            case SAMPLES -> new Cost(series, series * samples * SAMPLE_BYTES, series * samples);
            case PARTIAL_STATE ->
                    new Cost(
                            series,
                            series * w.panes().perWindow() * SUMMARY_BYTES,
                            series * w.panes().perWindow());
        };
    }

    private static Cost aggregate(Aggregate a, Map<LogicalNode, Cost> known) {
        double inSeries = known.get(a.input()).series();
        double groups;
        if (a.without()) {
            groups = Math.max(1, inSeries / Math.pow(10, a.grouping().size()));
        } else {
            groups = Math.min(inSeries, Math.pow(10, a.grouping().size()));
        }
        return switch (a.phase()) {
            // Each subtask holds an accumulator per group it has seen.
            case PARTIAL ->
                    new Cost(groups * PARALLELISM, groups * PARALLELISM * SUMMARY_BYTES, inSeries);
            // The final phase merges one partial per group and subtask.
            case FINAL -> new Cost(groups, groups * SUMMARY_BYTES, inSeries);
            // Unsplit, every input series is shuffled and held until the step is final.
            case SINGLE -> new Cost(groups, inSeries * SAMPLE_BYTES, inSeries);
        };
    }

    private static double series(LogicalNode n, Map<LogicalNode, Cost> known) {
        double s = 0;
        for (LogicalNode in : n.inputs()) {
            if (in.type() != PlanType.SCALAR && in.type() != PlanType.STRING) {
                s = Math.max(s, known.get(in).series());
            }
        }
        return s;
    }

    private static double in(LogicalNode n, Map<LogicalNode, Cost> known) {
        double s = 0;
        for (LogicalNode i : n.inputs()) {
            s += known.get(i).series();
        }
        return s;
    }
}
