package io.weir.promql.plan.logical;

/**
 * A plan as indented text, one node a line, inputs below their reader: what rule tests compare and
 * what EXPLAIN shows of a logical plan.
 *
 * <pre>
 * Aggregate sum by(job)
 *   RangeWindow rate range=5m offset=0s step=1m
 *     SeriesScan {__name__="http_requests_total"}
 * </pre>
 */
public final class PlanPrinter {
    private PlanPrinter() {}

    public static String print(LogicalNode root) {
        StringBuilder sb = new StringBuilder();
        print(root, 0, sb);
        return sb.toString();
    }

    private static void print(LogicalNode n, int depth, StringBuilder sb) {
        sb.append("  ".repeat(depth)).append(n.kind());
        String attrs = n.attributes();
        if (!attrs.isEmpty()) {
            sb.append(' ').append(attrs);
        }
        sb.append('\n');
        for (LogicalNode in : n.inputs()) {
            print(in, depth + 1, sb);
        }
    }
}
