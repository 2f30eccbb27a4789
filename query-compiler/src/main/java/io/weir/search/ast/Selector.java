package io.weir.search.ast;

import io.weir.promql.ast.LabelMatcher;
import java.util.List;

/**
 * The {@code metric{matchers}} before {@code WHERE}, as a predicate: the series whose labels
 * satisfy every matcher, as a PromQL selector selects them. Plans only.
 */
public record Selector(List<LabelMatcher> matchers) implements Predicate {
    public Selector {
        matchers = List.copyOf(matchers);
    }

    @Override
    public <R> R accept(PredicateVisitor<R> v) {
        return v.visitSelector(this);
    }
}
