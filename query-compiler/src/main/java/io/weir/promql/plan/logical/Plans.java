package io.weir.promql.plan.logical;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/** Walking and rewriting plans. */
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

    /** Rewrites bottom-up: {@code fn} sees each node after its inputs were rewritten. */
    public static LogicalNode transformUp(LogicalNode n, UnaryOperator<LogicalNode> fn) {
        List<LogicalNode> ins = n.inputs();
        List<LogicalNode> rewritten = new ArrayList<>(ins.size());
        boolean changed = false;
        for (LogicalNode in : ins) {
            LogicalNode r = transformUp(in, fn);
            changed |= r != in;
            rewritten.add(r);
        }
        LogicalNode self = changed ? n.withInputs(rewritten) : n;
        return fn.apply(self);
    }

    /** True when {@code pred} holds for some node of the plan. */
    public static boolean any(LogicalNode root, java.util.function.Predicate<LogicalNode> pred) {
        if (pred.test(root)) {
            return true;
        }
        for (LogicalNode in : root.inputs()) {
            if (any(in, pred)) {
                return true;
            }
        }
        return false;
    }
}
