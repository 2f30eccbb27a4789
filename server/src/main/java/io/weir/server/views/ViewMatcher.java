package io.weir.server.views;

import io.weir.promql.analysis.Types;
import io.weir.promql.ast.Expr;
import io.weir.promql.ast.SubqueryExpr;
import io.weir.promql.ast.ValueType;
import io.weir.promql.model.Labels;
import io.weir.promql.parser.PromqlParser;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * View matching: answers a query, or sub-expressions of it, from registered views.
 *
 * <p>A sub-expression can be answered from a view when its normal form (parentheses removed,
 * matchers sorted, printed) equals the view's, when every step the query evaluates it at is a step
 * of the view (the query's step is a multiple of the view's and its start is on the view's grid),
 * and when it is not under a subquery (which evaluates it at the subquery's own steps). It is
 * replaced by {@code label_replace(last_over_time(<view>[1ms]), "__name__", "<name>", "", "")}: the
 * view's value at exactly that step (a step the view left empty stays empty, never filled from an
 * earlier step by the lookback), with the metric name the sub-expression would have had (none, or
 * the one name a selector kept). Sub-expressions whose name cannot be told are not matched.
 *
 * <p>Views hold final values only up to their last final step and only from their first stored
 * step, so the rewritten query answers the steps inside every used view's coverage; the caller
 * evaluates the other steps from raw samples.
 */
public final class ViewMatcher {
    private final ViewRegistry registry;

    public ViewMatcher(ViewRegistry registry) {
        this.registry = registry;
    }

    /** One sub-expression answered from one view. */
    public record Match(String view, String expression) {}

    /**
     * How a query is answered: {@code rewritten} at the grid steps in {@code [from, to]}, {@code
     * original} elsewhere; without matches, {@code original} everywhere.
     */
    public record Plan(Expr original, Expr rewritten, List<Match> matches, long from, long to) {
        public Plan {
            matches = List.copyOf(matches);
        }

        public boolean usesViews() {
            return !matches.isEmpty();
        }

        static Plan none(Expr e) {
            return new Plan(e, e, List.of(), 1, 0);
        }
    }

    private static final class Walk {
        final Map<String, List<ViewRegistry.ActiveView>> byForm;
        final List<Match> matches = new ArrayList<>();
        long from;
        long to;

        Walk(Map<String, List<ViewRegistry.ActiveView>> byForm, long from, long to) {
            this.byForm = byForm;
            this.from = from;
            this.to = to;
        }
    }

    /**
     * Plans a range query over {@code [start, end]} at {@code step}; an instant query is {@code
     * start == end} with {@code step == 0}.
     */
    public Plan plan(Expr query, long start, long end, long step) {
        Map<String, List<ViewRegistry.ActiveView>> byForm = new HashMap<>();
        for (ViewRegistry.ActiveView v : registry.active()) {
            long s = v.stepMillis();
            if (Math.floorMod(start, s) != 0 || (step != 0 && step % s != 0)) {
                continue;
            }
            byForm.computeIfAbsent(ExprTrees.normalForm(v.expr()), k -> new ArrayList<>()).add(v);
        }
        if (byForm.isEmpty()) {
            return Plan.none(query);
        }
        Walk w = new Walk(byForm, start, end);
        Expr rewritten = rewrite(query, w);
        if (w.matches.isEmpty()) {
            return Plan.none(query);
        }
        long from = w.from;
        long to = w.to;
        if (step > 0) {
            // Onto the query's grid.
            from = start + Math.floorDiv(from - start + step - 1, step) * step;
            to = start + Math.floorDiv(to - start, step) * step;
        }
        if (from > to) {
            return Plan.none(query);
        }
        return new Plan(query, rewritten, w.matches, from, to);
    }

    private Expr rewrite(Expr e, Walk w) {
        if (e instanceof SubqueryExpr) {
            return e; // evaluated at the subquery's steps, not the query's
        }
        if (Types.typeOf(e) == ValueType.INSTANT_VECTOR) {
            List<ViewRegistry.ActiveView> views = w.byForm.get(ExprTrees.normalForm(e));
            NameFate fate = views == null ? NameFate.UNKNOWN : NameFate.of(e);
            if (views != null && fate.known()) {
                for (ViewRegistry.ActiveView v : views) {
                    Optional<long[]> c = registry.finalCoverage(v.name());
                    if (c.isEmpty()) {
                        continue;
                    }
                    long from = Math.max(w.from, c.get()[0]);
                    long to = Math.min(w.to, c.get()[1]);
                    if (from > to) {
                        continue;
                    }
                    w.from = from;
                    w.to = to;
                    w.matches.add(new Match(v.name(), ExprTrees.normalForm(e)));
                    return replacement(v.name(), fate);
                }
            }
        }
        return ExprTrees.mapChildren(e, c -> rewrite(c, w));
    }

    /** The view's value at exactly the step, with the name the sub-expression would have had. */
    static Expr replacement(String view, NameFate fate) {
        StringBuilder sb = new StringBuilder("label_replace(last_over_time(");
        sb.append(view).append("[1ms]), \"").append(Labels.METRIC_NAME).append("\", ");
        Labels.quote(sb, fate.name() == null ? "" : fate.name());
        sb.append(", \"\", \"\")");
        return PromqlParser.parse(sb.toString());
    }
}
