package io.weir.search.exec;

import io.weir.search.ast.And;
import io.weir.search.ast.Not;
import io.weir.search.ast.Or;
import io.weir.search.ast.Predicate;
import io.weir.search.ast.SearchPrinter;
import io.weir.search.index.SeriesIndex;
import io.weir.search.optimizer.CostModel;
import java.util.IdentityHashMap;
import java.util.Locale;

/**
 * EXPLAIN: the optimized plan as an indented tree, one node a line, with its read and write groups
 * and the optimizer's estimate of how many series it matches.
 */
public final class Explain {
    private Explain() {}

    public static String explain(GroupedPlan plan, CostModel costs) {
        StringBuilder sb = new StringBuilder();
        line(plan, costs, 0, sb);
        return sb.toString();
    }

    /**
     * EXPLAIN ANALYZE: runs the plan with the prefilter executor and adds to each node how many
     * candidates it read and how many it kept. A node that was never reached (an AND whose earlier
     * operands left nothing) shows no counts.
     */
    public static String analyze(
            GroupedPlan plan, CostModel costs, SeriesIndex index, long atMillis) {
        IdentityHashMap<GroupedPlan, int[]> counts = new IdentityHashMap<>();
        new PrefilterExecutor((n, candidates, kept) -> counts.put(n, new int[] {candidates, kept}))
                .execute(index, plan, atMillis);
        StringBuilder sb = new StringBuilder();
        line(plan, costs, 0, sb, counts);
        return sb.toString();
    }

    private static void line(GroupedPlan n, CostModel costs, int depth, StringBuilder sb) {
        line(n, costs, depth, sb, null);
    }

    private static void line(
            GroupedPlan n,
            CostModel costs,
            int depth,
            StringBuilder sb,
            IdentityHashMap<GroupedPlan, int[]> counts) {
        sb.append("  ".repeat(depth)).append(label(n.node()));
        CostModel.Estimate e = costs.estimate(n.node());
        sb.append(
                String.format(
                        Locale.ROOT,
                        "  [read g%d, write g%d%s]  ~%.0f series",
                        n.read(),
                        n.write(),
                        n.percentile() || n.children().isEmpty() ? "" : ", bottom-up",
                        e.rows()));
        if (counts != null && counts.containsKey(n)) {
            int[] c = counts.get(n);
            sb.append("  (read ").append(c[0]).append(", kept ").append(c[1]).append(')');
        }
        sb.append('\n');
        if (counts != null && !n.percentile()) {
            return; // evaluated bottom-up as one: its operands have no counts of their own
        }
        for (GroupedPlan c : n.children()) {
            line(c, costs, depth + 1, sb, counts);
        }
    }

    private static String label(Predicate p) {
        if (p instanceof And) {
            return "AND";
        }
        if (p instanceof Or) {
            return "OR";
        }
        if (p instanceof Not) {
            return "NOT";
        }
        return SearchPrinter.print(p);
    }
}
