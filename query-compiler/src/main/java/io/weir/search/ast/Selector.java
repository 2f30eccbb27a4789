package io.weir.search.ast;

import io.weir.promql.ast.LabelMatcher;
import io.weir.promql.ast.PositionRange;
import java.util.List;

/**
 * The {@code metric{matchers}} before {@code WHERE}, as a predicate: the series whose labels
 * satisfy every matcher, as a PromQL selector selects them. Plans only.
 */
public record Selector(List<LabelMatcher> matchers, PositionRange pos) implements Predicate {
    public Selector {
        pos = pos == null ? PositionRange.NONE : pos;
        matchers = List.copyOf(matchers);
    }

    /** A node written nowhere: made by the optimizer or a test. */
    public Selector(List<LabelMatcher> matchers) {
        this(matchers, PositionRange.NONE);
    }

    @Override
    public <R> R accept(PredicateVisitor<R> v) {
        return v.visitSelector(this);
    }
}
