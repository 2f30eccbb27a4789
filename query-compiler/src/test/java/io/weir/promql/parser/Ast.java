package io.weir.promql.parser;

import io.weir.promql.ast.AggregateExpr;
import io.weir.promql.ast.AggregateOp;
import io.weir.promql.ast.BinaryExpr;
import io.weir.promql.ast.BinaryOp;
import io.weir.promql.ast.Call;
import io.weir.promql.ast.Expr;
import io.weir.promql.ast.LabelMatcher;
import io.weir.promql.ast.MatrixSelector;
import io.weir.promql.ast.NumberLiteral;
import io.weir.promql.ast.ParenExpr;
import io.weir.promql.ast.PositionRange;
import io.weir.promql.ast.StringLiteral;
import io.weir.promql.ast.SubqueryExpr;
import io.weir.promql.ast.UnaryExpr;
import io.weir.promql.ast.VectorMatching;
import io.weir.promql.ast.VectorSelector;
import java.util.ArrayList;
import java.util.List;

/** Short constructors for expected ASTs in tests (positions unknown: equality ignores them). */
final class Ast {
    static final PositionRange NO = PositionRange.NONE;

    private Ast() {}

    static NumberLiteral num(double v) {
        return new NumberLiteral(v, NO);
    }

    static StringLiteral str(String s) {
        return new StringLiteral(s, NO);
    }

    static VectorSelector sel(String name, LabelMatcher... matchers) {
        List<LabelMatcher> ms = new ArrayList<>(List.of(matchers));
        if (name != null) {
            ms.add(LabelMatcher.equal("__name__", name));
        }
        return new VectorSelector(name, ms, 0, null, NO);
    }

    static LabelMatcher m(String name, LabelMatcher.MatchOp op, String value) {
        return new LabelMatcher(name, op, value);
    }

    static MatrixSelector matrix(VectorSelector vs, long rangeMillis) {
        return new MatrixSelector(vs, rangeMillis, NO);
    }

    static SubqueryExpr subquery(Expr e, long range, long step) {
        return new SubqueryExpr(e, range, step, 0, null, NO);
    }

    static Call call(String f, Expr... args) {
        return new Call(f, List.of(args), NO);
    }

    static AggregateExpr agg(AggregateOp op, Expr e, Expr param, List<String> by, boolean without) {
        return new AggregateExpr(op, e, param, by, without, NO);
    }

    static BinaryExpr bin(BinaryOp op, Expr l, Expr r) {
        return new BinaryExpr(op, l, r, null, false, NO);
    }

    static BinaryExpr bin(BinaryOp op, Expr l, Expr r, VectorMatching vm, boolean bool) {
        return new BinaryExpr(op, l, r, vm, bool, NO);
    }

    static UnaryExpr neg(Expr e) {
        return new UnaryExpr(true, e, NO);
    }

    static ParenExpr paren(Expr e) {
        return new ParenExpr(e, NO);
    }
}
