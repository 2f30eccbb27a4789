package io.weir.promql.optimizer;

import io.weir.promql.plan.logical.LabelSchema;
import io.weir.promql.plan.logical.LogicalNode;
import io.weir.promql.plan.logical.Schemas;

/**
 * What no rule may change: a rewritten node produces the same type of value with the same label
 * schema as the node it replaces. A violation is a bug in the rule, reported with its name.
 */
public final class PlanInvariant {
    private PlanInvariant() {}

    /** Throws {@link IllegalStateException} when {@code after} may not replace {@code before}. */
    public static void check(String rule, LogicalNode before, LogicalNode after) {
        if (before.type() != after.type()) {
            throw new IllegalStateException(
                    "rule "
                            + rule
                            + " changed the value type of "
                            + before.kind()
                            + " from "
                            + before.type()
                            + " to "
                            + after.type());
        }
        LabelSchema b = Schemas.of(before);
        LabelSchema a = Schemas.of(after);
        if (!b.equals(a)) {
            throw new IllegalStateException(
                    "rule "
                            + rule
                            + " changed the label schema of "
                            + before.kind()
                            + " from "
                            + b
                            + " to "
                            + a);
        }
    }
}
