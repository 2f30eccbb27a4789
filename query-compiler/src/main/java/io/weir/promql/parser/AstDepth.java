package io.weir.promql.parser;

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
import io.weir.promql.ast.VectorSelector;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** Measures an AST's depth without recursion (the tree may be too deep to recurse over). */
final class AstDepth {
    private AstDepth() {}

    private record Entry(Expr expr, int depth) {}

    static boolean exceeds(Expr root, int max) {
        Deque<Entry> stack = new ArrayDeque<>();
        stack.push(new Entry(root, 1));
        while (!stack.isEmpty()) {
            Entry e = stack.pop();
            if (e.depth() > max) {
                return true;
            }
            for (Expr child : children(e.expr())) {
                stack.push(new Entry(child, e.depth() + 1));
            }
        }
        return false;
    }

    static List<Expr> children(Expr e) {
        if (e instanceof AggregateExpr a) {
            return a.param() == null ? List.of(a.expr()) : List.of(a.param(), a.expr());
        } else if (e instanceof BinaryExpr b) {
            return List.of(b.lhs(), b.rhs());
        } else if (e instanceof Call c) {
            return c.args();
        } else if (e instanceof MatrixSelector m) {
            return List.of(m.selector());
        } else if (e instanceof SubqueryExpr s) {
            return List.of(s.expr());
        } else if (e instanceof UnaryExpr u) {
            return List.of(u.expr());
        } else if (e instanceof ParenExpr p) {
            return List.of(p.expr());
        } else if (e instanceof VectorSelector
                || e instanceof NumberLiteral
                || e instanceof StringLiteral) {
            return List.of();
        }
        throw new IllegalStateException("unhandled node " + e.getClass().getSimpleName());
    }
}
