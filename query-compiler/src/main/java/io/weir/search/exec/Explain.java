package io.weir.search.exec;

import io.weir.search.ast.And;
import io.weir.search.ast.Not;
import io.weir.search.ast.Or;
import io.weir.search.ast.Predicate;
import io.weir.search.ast.SearchPrinter;
import io.weir.search.optimizer.CostModel;
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

    private static void line(GroupedPlan n, CostModel costs, int depth, StringBuilder sb) {
        sb.append("  ".repeat(depth)).append(label(n.node()));
        CostModel.Estimate e = costs.estimate(n.node());
        sb.append(
                String.format(
                        Locale.ROOT,
                        "  [read g%d, write g%d%s]  ~%.0f series%n",
                        n.read(),
                        n.write(),
                        n.percentile() || n.children().isEmpty() ? "" : ", bottom-up",
                        e.rows()));
        for (GroupedPlan c : n.children()) {
            line(c, costs, depth + 1, sb);
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
