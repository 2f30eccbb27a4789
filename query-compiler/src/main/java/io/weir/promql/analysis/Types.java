package io.weir.promql.analysis;

import io.weir.promql.ast.AggregateExpr;
import io.weir.promql.ast.BinaryExpr;
import io.weir.promql.ast.Call;
import io.weir.promql.ast.Expr;
import io.weir.promql.ast.MatrixSelector;
import io.weir.promql.ast.NumberLiteral;
import io.weir.promql.ast.ParenExpr;
import io.weir.promql.ast.StringLiteral;
import io.weir.promql.ast.SubqueryExpr;
import io.weir.promql.ast.UnaryExpr;
import io.weir.promql.ast.ValueType;
import io.weir.promql.ast.VectorSelector;

/** The value type of an expression, as Prometheus's {@code Expr.Type()} defines it. */
public final class Types {
    private Types() {}

    /**
     * The type of a node. Meant for checked ASTs; on an unchecked one it still answers, treating an
     * unknown function as returning an instant vector.
     */
    public static ValueType typeOf(Expr e) {
        if (e instanceof NumberLiteral) {
            return ValueType.SCALAR;
        } else if (e instanceof StringLiteral) {
            return ValueType.STRING;
        } else if (e instanceof VectorSelector || e instanceof AggregateExpr) {
            return ValueType.INSTANT_VECTOR;
        } else if (e instanceof MatrixSelector || e instanceof SubqueryExpr) {
            return ValueType.RANGE_VECTOR;
        } else if (e instanceof Call c) {
            FunctionSignature f = Functions.lookup(c.function());
            return f == null ? ValueType.INSTANT_VECTOR : f.returnType();
        } else if (e instanceof BinaryExpr b) {
            return typeOf(b.lhs()) == ValueType.SCALAR && typeOf(b.rhs()) == ValueType.SCALAR
                    ? ValueType.SCALAR
                    : ValueType.INSTANT_VECTOR;
        } else if (e instanceof UnaryExpr u) {
            return typeOf(u.expr());
        } else if (e instanceof ParenExpr p) {
            return typeOf(p.expr());
        }
        throw new IllegalStateException("unhandled node " + e.getClass().getSimpleName());
    }
}
