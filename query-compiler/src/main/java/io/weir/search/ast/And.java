package io.weir.search.ast;

import io.weir.promql.ast.PositionRange;
import java.util.List;

/** The series that satisfy every operand; n-ary, operands in evaluation order. */
public record And(List<Predicate> operands, PositionRange pos) implements Predicate {
    public And {
        pos = pos == null ? PositionRange.NONE : pos;
        operands = List.copyOf(operands);
        if (operands.size() < 2) {
            throw new IllegalArgumentException("AND needs two operands or more");
        }
    }

    /** A node written nowhere: made by the optimizer or a test. */
    public And(List<Predicate> operands) {
        this(operands, PositionRange.NONE);
    }

    @Override
    public <R> R accept(PredicateVisitor<R> v) {
        return v.visitAnd(this);
    }
}
