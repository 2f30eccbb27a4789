package io.weir.promql.optimizer;

import io.weir.promql.plan.logical.LogicalNode;
import java.util.Optional;

/**
 * One rewrite of the logical plan. The driver offers it every node, inputs first; the rule looks at
 * the one shape it handles and returns the replacement, or empty when it does not fire. Nodes are
 * never mutated; a replacement must produce the same value type and label schema (the driver
 * checks).
 */
public interface Rule {
    /** The rule's name, by which it can be disabled: its class's simple name. */
    default String name() {
        return getClass().getSimpleName();
    }

    /** The rewritten node, or empty when the rule does not apply to {@code node}. */
    Optional<LogicalNode> apply(LogicalNode node);
}
