package io.weir.search.ast;

import io.weir.promql.ast.LabelMatcher;
import java.util.List;
import java.util.Objects;

/**
 * A whole search: an optional PromQL selector ({@code metric{matchers} WHERE}; empty when absent)
 * and the predicate.
 */
public record SearchQuery(List<LabelMatcher> selector, Predicate where) {
    public SearchQuery {
        selector = List.copyOf(selector);
        Objects.requireNonNull(where, "where");
    }

    /** The query as one predicate: the selector becomes the first operand of an AND. */
    public Predicate asPredicate() {
        return selector.isEmpty()
                ? where
                : new And(List.of(new Selector(selector), where), where.pos());
    }
}
