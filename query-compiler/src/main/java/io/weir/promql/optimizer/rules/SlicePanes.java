package io.weir.promql.optimizer.rules;

import io.weir.promql.optimizer.Rule;
import io.weir.promql.plan.logical.LogicalNode;
import io.weir.promql.plan.logical.Panes;
import io.weir.promql.plan.logical.RangeWindow;
import java.util.Optional;
import java.util.Set;

/**
 * Slices a sliding window into panes. A window of range R evaluated every step S overlaps the next
 * when R &gt; S; with panes of g = gcd(R, S), every window is exactly R/g consecutive panes (window
 * ends are multiples of S, so of g, shifted by the offset), and each sample lands in one pane.
 * Functions whose state merges (sum, count, min, max, avg, stddev, stdvar, present, first, last
 * over time) keep a summary per pane; the others keep the pane's samples, stored once rather than
 * R/S times. Windows that do not overlap (R &lt;= S) are left alone, and so are windows whose range
 * and step have so small a common divisor that a window would need more than {@value #MAX_PANES}
 * panes (5m at a step of 7001ms): per-pane overhead would then outweigh the sharing.
 *
 * <pre>
 * before: RangeWindow rate range=5m offset=0s step=2m
 * after:  RangeWindow rate range=5m offset=0s step=2m panes=5x1m/SAMPLES
 * </pre>
 */
public final class SlicePanes implements Rule {
    /** The most panes a window may be cut into. */
    public static final long MAX_PANES = 1024;

    private static final Set<String> MERGEABLE =
            Set.of(
                    "sum_over_time",
                    "count_over_time",
                    "min_over_time",
                    "max_over_time",
                    "avg_over_time",
                    "stddev_over_time",
                    "stdvar_over_time",
                    "present_over_time",
                    "first_over_time",
                    "last_over_time");

    @Override
    public Optional<LogicalNode> apply(LogicalNode node) {
        if (!(node instanceof RangeWindow w)
                || w.panes() != null
                || w.rangeMillis() <= w.stepMillis()) {
            return Optional.empty();
        }
        long g = gcd(w.rangeMillis(), w.stepMillis());
        if (w.rangeMillis() / g > MAX_PANES) {
            return Optional.empty();
        }
        Panes.Mode mode =
                MERGEABLE.contains(w.function()) ? Panes.Mode.PARTIAL_STATE : Panes.Mode.SAMPLES;
        return Optional.of(w.withPanes(new Panes(g, w.rangeMillis() / g, mode)));
    }

    static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
}
