package io.weir.promql.eval;

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
import java.util.Set;

/** The value type of an expression, as far as the evaluator needs it. */
final class ExprTypes {
    private static final Set<String> SCALAR_FUNCTIONS =
            Set.of("time", "scalar", "pi", "max_of", "min_of", "start", "end", "range", "step");

    private ExprTypes() {}

    static ValueType typeOf(Expr e) {
        if (e instanceof NumberLiteral) {
            return ValueType.SCALAR;
        } else if (e instanceof StringLiteral) {
            return ValueType.STRING;
        } else if (e instanceof VectorSelector || e instanceof AggregateExpr) {
            return ValueType.INSTANT_VECTOR;
        } else if (e instanceof MatrixSelector || e instanceof SubqueryExpr) {
            return ValueType.RANGE_VECTOR;
        } else if (e instanceof ParenExpr p) {
            return typeOf(p.expr());
        } else if (e instanceof UnaryExpr u) {
            return typeOf(u.expr());
        } else if (e instanceof BinaryExpr b) {
            return typeOf(b.lhs()) == ValueType.SCALAR && typeOf(b.rhs()) == ValueType.SCALAR
                    ? ValueType.SCALAR
                    : ValueType.INSTANT_VECTOR;
        } else if (e instanceof Call c) {
            return SCALAR_FUNCTIONS.contains(c.function())
                    ? ValueType.SCALAR
                    : ValueType.INSTANT_VECTOR;
        }
        throw new IllegalStateException("unknown expression " + e);
    }
}
