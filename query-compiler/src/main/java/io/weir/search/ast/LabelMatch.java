package io.weir.search.ast;

import java.util.Objects;

/**
 * {@code label('name') = 'value'} or {@code label('name') =~ 're'}: the series that have the label
 * with that value, or with a value the RE2 expression matches in full.
 */
public record LabelMatch(String name, boolean regex, String value) implements Predicate {
    public LabelMatch {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }

    @Override
    public <R> R accept(PredicateVisitor<R> v) {
        return v.visitLabelMatch(this);
    }
}
