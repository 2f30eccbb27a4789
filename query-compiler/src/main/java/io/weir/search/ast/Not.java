package io.weir.search.ast;

import io.weir.promql.ast.PositionRange;
import java.util.Objects;

/** The series that do not satisfy the operand. */
public record Not(Predicate operand, PositionRange pos) implements Predicate {
    public Not {
        pos = pos == null ? PositionRange.NONE : pos;
        Objects.requireNonNull(operand, "operand");
    }

    /** A node written nowhere: made by the optimizer or a test. */
    public Not(Predicate operand) {
        this(operand, PositionRange.NONE);
    }

    @Override
    public <R> R accept(PredicateVisitor<R> v) {
        return v.visitNot(this);
    }
}
