package io.weir.server.cache;

import io.weir.promql.ast.Expr;
import io.weir.promql.ast.LabelMatcher;
import io.weir.promql.ast.MatrixSelector;
import io.weir.promql.ast.SubqueryExpr;
import io.weir.promql.ast.VectorSelector;
import io.weir.promql.model.Labels;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What a query reads, for the results cache: the views (so a late correction finds it), how far in
 * time a step reads, and the last step whose result is final.
 *
 * @param finalEnd the last time whose result no longer changes: no later than any read view's last
 *     final step, and, when raw samples are read, no later than now minus the minimum age
 */
public record Footprint(Dependencies deps, long finalEnd) {

    /**
     * The footprint of a query as it is evaluated.
     *
     * @param evaluated the expression as evaluated (views matched already)
     * @param readsRaw whether some steps are evaluated from raw samples
     * @param isView whether a metric name is a registered view's
     * @param lastFinal a view's last final step
     * @param allViews every registered view, for selectors that may read any of them
     */
    public static Footprint of(
            Expr evaluated,
            Set<String> matchedViews,
            boolean readsRaw,
            long lookbackMillis,
            long rawFinalEnd,
            Predicate<String> isView,
            Function<String, OptionalLong> lastFinal,
            List<String> allViews) {
        Set<String> views = new HashSet<>(matchedViews);
        boolean anyView = false;
        boolean raw = false;
        long[] reach = {lookbackMillis};
        boolean[] pinned = {false};
        walk(evaluated, reach, pinned);
        for (VectorSelector s : selectors(evaluated)) {
            String name = nameOf(s);
            if (name == null) {
                anyView = true;
                raw = true;
            } else if (isView.test(name)) {
                views.add(name);
            } else {
                raw = true;
            }
        }
        long finalEnd = Long.MAX_VALUE;
        if (raw || readsRaw) {
            finalEnd = rawFinalEnd;
        }
        for (String v : anyView ? allViews : List.copyOf(views)) {
            OptionalLong f = lastFinal.apply(v);
            finalEnd = Math.min(finalEnd, f.isPresent() ? f.getAsLong() : Long.MIN_VALUE);
        }
        long r = pinned[0] ? Long.MAX_VALUE / 4 : reach[0];
        return new Footprint(new Dependencies(views, anyView, r), finalEnd);
    }

    private static String nameOf(VectorSelector s) {
        for (LabelMatcher m : s.matchers()) {
            if (m.name().equals(Labels.METRIC_NAME) && m.op() == LabelMatcher.MatchOp.EQUAL) {
                return m.value();
            }
        }
        return null;
    }

    private static List<VectorSelector> selectors(Expr e) {
        List<VectorSelector> out = new java.util.ArrayList<>();
        io.weir.server.views.Expressions.selectors(e, out);
        return out;
    }

    /** Adds every range, subquery range and offset to the reach; notes {@code @} modifiers. */
    private static void walk(Expr e, long[] reach, boolean[] pinned) {
        io.weir.server.views.Expressions.forEachNode(
                e,
                n -> {
                    if (n instanceof MatrixSelector m) {
                        reach[0] += m.rangeMillis();
                    } else if (n instanceof SubqueryExpr s) {
                        reach[0] += s.rangeMillis() + Math.abs(s.offsetMillis());
                        pinned[0] |= s.at() != null;
                    } else if (n instanceof VectorSelector v) {
                        reach[0] += Math.abs(v.offsetMillis());
                        pinned[0] |= v.at() != null;
                    }
                });
    }
}
