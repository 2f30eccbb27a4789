package io.weir.search.ast;

import java.util.Objects;

/** The series that do not satisfy the operand. */
public record Not(Predicate operand) implements Predicate {
    public Not {
        Objects.requireNonNull(operand, "operand");
    }

    @Override
    public <R> R accept(PredicateVisitor<R> v) {
        return v.visitNot(this);
    }
}
