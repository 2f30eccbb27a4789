package io.weir.promql.analysis;

import io.weir.promql.ast.BinaryExpr;
import io.weir.promql.ast.PositionRange;
import io.weir.promql.ast.ValueType;
import io.weir.promql.ast.VectorMatching;
import java.util.function.BiConsumer;

/** Prometheus's rules for binary operations: bool, set operators, vector matching. */
final class BinaryChecks {
    private BinaryChecks() {}

    static void check(
            BinaryExpr n,
            ValueType lt,
            ValueType rt,
            String query,
            BiConsumer<PositionRange, String> error) {
        String op = "\"" + n.op().symbol() + "\"";
        VectorMatching vm = n.matching();
        if (n.returnBool() && !n.op().isComparison()) {
            error.accept(
                    operatorRange(n, query),
                    "bool modifier can only be used on comparison operators");
        }
        if (n.op().isComparison()
                && !n.returnBool()
                && lt == ValueType.SCALAR
                && rt == ValueType.SCALAR) {
            error.accept(
                    operatorRange(n, query), "comparisons between scalars must use BOOL modifier");
        }
        if (vm != null && vm.on()) {
            for (String l1 : vm.matchingLabels()) {
                if (vm.include().contains(l1)) {
                    error.accept(
                            operatorRange(n, query),
                            "label \"" + l1 + "\" must not occur in ON and GROUP clause at once");
                }
            }
        }
        if (lt != ValueType.SCALAR && lt != ValueType.INSTANT_VECTOR) {
            error.accept(
                    n.lhs().pos(),
                    "binary expression must contain only scalar and instant vector types");
        }
        if (rt != ValueType.SCALAR && rt != ValueType.INSTANT_VECTOR) {
            error.accept(
                    n.rhs().pos(),
                    "binary expression must contain only scalar and instant vector types");
        }
        if (lt != ValueType.INSTANT_VECTOR || rt != ValueType.INSTANT_VECTOR) {
            if (vm != null && !vm.matchingLabels().isEmpty()) {
                error.accept(n.pos(), "vector matching only allowed between instant vectors");
            }
        } else if (n.op().isSetOperator()
                && vm != null
                && (vm.cardinality() == VectorMatching.Cardinality.ONE_TO_MANY
                        || vm.cardinality() == VectorMatching.Cardinality.MANY_TO_ONE)) {
            error.accept(n.pos(), "no grouping allowed for " + op + " operation");
        }
        if ((lt == ValueType.SCALAR || rt == ValueType.SCALAR) && n.op().isSetOperator()) {
            error.accept(
                    n.pos(), "set operator " + op + " not allowed in binary scalar expression");
        }
    }

    /** The operator's span: from after the left operand to before the right, spaces trimmed. */
    private static PositionRange operatorRange(BinaryExpr n, String query) {
        int start = n.lhs().pos().end();
        int end = n.rhs().pos().start();
        if (query == null || start < 0 || end < start || end > query.length()) {
            return n.pos();
        }
        while (start < end && Character.isWhitespace(query.charAt(start))) {
            start++;
        }
        while (end > start && Character.isWhitespace(query.charAt(end - 1))) {
            end--;
        }
        return new PositionRange(start, end);
    }
}
