package io.weir.promql.plan.logical;

import java.util.List;
import java.util.Objects;

/** Validation shared by the nodes' compact constructors. */
final class Check {
    private Check() {}

    static void type(LogicalNode n, PlanType... allowed) {
        Objects.requireNonNull(n, "input");
        for (PlanType t : allowed) {
            if (n.type() == t) {
                return;
            }
        }
        throw new IllegalArgumentException(
                "input " + n.kind() + " has type " + n.type() + ", wanted " + List.of(allowed));
    }

    static void all(List<LogicalNode> ns, PlanType t) {
        for (LogicalNode n : ns) {
            type(n, t);
        }
    }

    static void positive(long v, String what) {
        if (v <= 0) {
            throw new IllegalArgumentException(what + " must be positive: " + v);
        }
    }
}
