package io.weir.search.ast;

import io.weir.promql.ast.PositionRange;
import java.util.Objects;

/**
 * {@code label('name') = 'value'} or {@code label('name') =~ 're'}: the series that have the label
 * with that value, or with a value the RE2 expression matches in full.
 */
public record LabelMatch(String name, boolean regex, String value, PositionRange pos)
        implements Predicate {
    public LabelMatch {
        pos = pos == null ? PositionRange.NONE : pos;
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }

    /** A node written nowhere: made by the optimizer or a test. */
    public LabelMatch(String name, boolean regex, String value) {
        this(name, regex, value, PositionRange.NONE);
    }

    @Override
    public <R> R accept(PredicateVisitor<R> v) {
        return v.visitLabelMatch(this);
    }
}
