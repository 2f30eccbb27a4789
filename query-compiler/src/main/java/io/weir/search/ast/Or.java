package io.weir.search.ast;

import java.util.List;

/** The series that satisfy at least one operand; n-ary. */
public record Or(List<Predicate> operands) implements Predicate {
    public Or {
        operands = List.copyOf(operands);
        if (operands.size() < 2) {
            throw new IllegalArgumentException("OR needs two operands or more");
        }
    }

    @Override
    public <R> R accept(PredicateVisitor<R> v) {
        return v.visitOr(this);
    }
}
