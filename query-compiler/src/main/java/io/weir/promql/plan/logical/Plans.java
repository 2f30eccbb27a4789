package io.weir.promql.plan.logical;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Walking plans. */
public final class Plans {
    private Plans() {}

    /** Every distinct node of the plan (by content), inputs before the nodes that read them. */
    public static List<LogicalNode> postOrder(LogicalNode root) {
        List<LogicalNode> out = new ArrayList<>();
        collect(root, new HashSet<>(), out);
        return out;
    }

    private static void collect(LogicalNode n, Set<LogicalNode> seen, List<LogicalNode> out) {
        if (seen.contains(n)) {
            return;
        }
        for (LogicalNode in : n.inputs()) {
            collect(in, seen, out);
        }
        if (seen.add(n)) {
            out.add(n);
        }
    }
}
