package io.weir.promql.eval;

import io.weir.promql.ast.AggregateExpr;
import io.weir.promql.ast.AggregateOp;
import io.weir.promql.ast.AtModifier;
import io.weir.promql.ast.BinaryExpr;
import io.weir.promql.ast.BinaryOp;
import io.weir.promql.ast.Call;
import io.weir.promql.ast.Expr;
import io.weir.promql.ast.LabelMatcher;
import io.weir.promql.ast.MatrixSelector;
import io.weir.promql.ast.NumberLiteral;
import io.weir.promql.ast.PositionRange;
import io.weir.promql.ast.StringLiteral;
import io.weir.promql.ast.SubqueryExpr;
import io.weir.promql.ast.VectorMatching;
import io.weir.promql.ast.VectorSelector;
import java.util.ArrayList;
import java.util.List;

/** Builds ASTs for tests without the parser. */
final class Ast {
    private static final PositionRange P = PositionRange.NONE;

    private Ast() {}

    /** {@code name{l1="v1", ...}} from name and label pairs. */
    static VectorSelector sel(String name, String... pairs) {
        List<LabelMatcher> ms = new ArrayList<>();
        if (name != null) {
            ms.add(LabelMatcher.equal("__name__", name));
        }
        for (int i = 0; i < pairs.length; i += 2) {
            ms.add(LabelMatcher.equal(pairs[i], pairs[i + 1]));
        }
        return new VectorSelector(name, ms, 0, null, P);
    }

    static VectorSelector sel(List<LabelMatcher> matchers) {
        return new VectorSelector(null, matchers, 0, null, P);
    }

    static VectorSelector offset(VectorSelector s, long ms) {
        return s.withOffset(ms);
    }

    static VectorSelector at(VectorSelector s, long ms) {
        return s.withAt(new AtModifier.Timestamp(ms));
    }

    static MatrixSelector range(VectorSelector s, long ms) {
        return new MatrixSelector(s, ms, P);
    }

    static SubqueryExpr subquery(Expr e, long range, long step) {
        return new SubqueryExpr(e, range, step, 0, null, P);
    }

    static Call call(String f, Expr... args) {
        return new Call(f, List.of(args), P);
    }

    static NumberLiteral num(double v) {
        return new NumberLiteral(v, P);
    }

    static StringLiteral str(String s) {
        return new StringLiteral(s, P);
    }

    static AggregateExpr agg(AggregateOp op, Expr e, List<String> by) {
        return new AggregateExpr(op, e, null, by, false, P);
    }

    static AggregateExpr agg(AggregateOp op, Expr param, Expr e, List<String> by) {
        return new AggregateExpr(op, e, param, by, false, P);
    }

    static BinaryExpr bin(BinaryOp op, Expr l, Expr r) {
        return new BinaryExpr(op, l, r, null, false, P);
    }

    static BinaryExpr bin(BinaryOp op, Expr l, Expr r, VectorMatching m) {
        return new BinaryExpr(op, l, r, m, false, P);
    }
}
