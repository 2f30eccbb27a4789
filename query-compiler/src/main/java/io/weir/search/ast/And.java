package io.weir.search.ast;

import java.util.List;

/** The series that satisfy every operand; n-ary, operands in evaluation order. */
public record And(List<Predicate> operands) implements Predicate {
    public And {
        operands = List.copyOf(operands);
        if (operands.size() < 2) {
            throw new IllegalArgumentException("AND needs two operands or more");
        }
    }

    @Override
    public <R> R accept(PredicateVisitor<R> v) {
        return v.visitAnd(this);
    }
}
