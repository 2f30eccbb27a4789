package io.weir.promql.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.weir.promql.ast.BinaryExpr;
import io.weir.promql.ast.BinaryOp;
import io.weir.promql.ast.Call;
import io.weir.promql.ast.Expr;
import io.weir.promql.ast.LabelMatcher;
import io.weir.promql.ast.NumberLiteral;
import io.weir.promql.ast.PositionRange;
import io.weir.promql.ast.StringLiteral;
import io.weir.promql.ast.ValueType;
import io.weir.promql.ast.VectorSelector;
import io.weir.promql.parser.PromqlParser;
import java.util.List;
import org.junit.jupiter.api.Test;

class CheckerTest {
    private static final PositionRange P = new PositionRange(0, 1);

    @Test
    void collectsAllErrorsInPrometheusOrder() {
        Expr e =
                new BinaryExpr(
                        BinaryOp.AND,
                        new NumberLiteral(1, P),
                        new Call("rate", List.of(new StringLiteral("x", P)), P),
                        null,
                        true,
                        P);
        List<String> messages = Checker.check(e, null).stream().map(CheckError::message).toList();
        assertEquals(
                List.of(
                        "expected type range vector in call to function \"rate\", got string",
                        "bool modifier can only be used on comparison operators",
                        "set operator \"and\" not allowed in binary scalar expression"),
                messages);
    }

    @Test
    void emptyMatchers() {
        VectorSelector vs =
                new VectorSelector(
                        null,
                        List.of(new LabelMatcher("a", LabelMatcher.MatchOp.REGEX, ".*")),
                        0,
                        null,
                        P);
        assertEquals(
                List.of("vector selector must contain at least one non-empty matcher"),
                Checker.check(vs, null).stream().map(CheckError::message).toList());
    }

    @Test
    void typesOfCheckedQueries() {
        assertEquals(ValueType.SCALAR, Types.typeOf(PromqlParser.parse("1 + time()")));
        assertEquals(ValueType.INSTANT_VECTOR, Types.typeOf(PromqlParser.parse("-foo * 2")));
        assertEquals(
                ValueType.RANGE_VECTOR, Types.typeOf(PromqlParser.parse("rate(foo[1m])[5m:]")));
        assertEquals(ValueType.STRING, Types.typeOf(PromqlParser.parse("(\"a\")")));
    }
}
