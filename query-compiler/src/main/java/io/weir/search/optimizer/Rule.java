package io.weir.search.optimizer;

import io.weir.search.ast.Predicate;
import java.util.Optional;

/**
 * One rewrite of a plan node. The driver offers every node, bottom-up; a rule returns the rewritten
 * node, or empty when it does not fire there. Nodes are never mutated.
 */
public interface Rule {
    /** The rule's name, by which it can be disabled. */
    String name();

    Optional<Predicate> apply(Predicate node);
}
