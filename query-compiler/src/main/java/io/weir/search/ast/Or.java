package io.weir.search.ast;

import io.weir.promql.ast.PositionRange;
import java.util.List;

/** The series that satisfy at least one operand; n-ary. */
public record Or(List<Predicate> operands, PositionRange pos) implements Predicate {
    public Or {
        pos = pos == null ? PositionRange.NONE : pos;
        operands = List.copyOf(operands);
        if (operands.size() < 2) {
            throw new IllegalArgumentException("OR needs two operands or more");
        }
    }

    /** A node written nowhere: made by the optimizer or a test. */
    public Or(List<Predicate> operands) {
        this(operands, PositionRange.NONE);
    }

    @Override
    public <R> R accept(PredicateVisitor<R> v) {
        return v.visitOr(this);
    }
}
