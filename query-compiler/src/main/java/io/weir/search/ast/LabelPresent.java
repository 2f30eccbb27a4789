package io.weir.search.ast;

import java.util.Objects;

/** {@code label('name')}: the series that have the label (a label is never empty). */
public record LabelPresent(String name) implements Predicate {
    public LabelPresent {
        Objects.requireNonNull(name, "name");
    }

    @Override
    public <R> R accept(PredicateVisitor<R> v) {
        return v.visitLabelPresent(this);
    }
}
