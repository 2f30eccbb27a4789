package io.weir.search.ast;

import io.weir.promql.ast.PositionRange;
import java.util.Objects;

/** {@code label('name')}: the series that have the label (a label is never empty). */
public record LabelPresent(String name, PositionRange pos) implements Predicate {
    public LabelPresent {
        pos = pos == null ? PositionRange.NONE : pos;
        Objects.requireNonNull(name, "name");
    }

    /** A node written nowhere: made by the optimizer or a test. */
    public LabelPresent(String name) {
        this(name, PositionRange.NONE);
    }

    @Override
    public <R> R accept(PredicateVisitor<R> v) {
        return v.visitLabelPresent(this);
    }
}
