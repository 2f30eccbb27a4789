package io.weir.promql.parser;

import static io.weir.promql.ast.LabelMatcher.MatchOp.EQUAL;
import static io.weir.promql.ast.LabelMatcher.MatchOp.NOT_EQUAL;
import static io.weir.promql.ast.LabelMatcher.MatchOp.NOT_REGEX;
import static io.weir.promql.ast.LabelMatcher.MatchOp.REGEX;
import static io.weir.promql.parser.Ast.agg;
import static io.weir.promql.parser.Ast.bin;
import static io.weir.promql.parser.Ast.call;
import static io.weir.promql.parser.Ast.m;
import static io.weir.promql.parser.Ast.matrix;
import static io.weir.promql.parser.Ast.neg;
import static io.weir.promql.parser.Ast.num;
import static io.weir.promql.parser.Ast.paren;
import static io.weir.promql.parser.Ast.sel;
import static io.weir.promql.parser.Ast.str;
import static io.weir.promql.parser.Ast.subquery;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.weir.promql.ast.AggregateOp;
import io.weir.promql.ast.AtModifier;
import io.weir.promql.ast.BinaryExpr;
import io.weir.promql.ast.BinaryOp;
import io.weir.promql.ast.Expr;
import io.weir.promql.ast.LabelMatcher;
import io.weir.promql.ast.MatrixSelector;
import io.weir.promql.ast.NumberLiteral;
import io.weir.promql.ast.SubqueryExpr;
import io.weir.promql.ast.VectorMatching;
import io.weir.promql.ast.VectorMatching.Cardinality;
import io.weir.promql.ast.VectorSelector;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PromqlParserTest {
    private static final VectorSelector FOO = sel("foo");
    private static final VectorSelector BAR = sel("bar");

    static Stream<Arguments> asts() {
        return Stream.of(
                Arguments.of("1", num(1)),
                Arguments.of("+Inf", num(Double.POSITIVE_INFINITY)),
                Arguments.of("-Inf", num(Double.NEGATIVE_INFINITY)),
                Arguments.of("nAn", num(Double.NaN)),
                Arguments.of(".5", num(0.5)),
                Arguments.of("5.", num(5)),
                Arguments.of("5e-3", num(0.005)),
                Arguments.of("0xc", num(12)),
                Arguments.of("0x_1F", num(31)),
                Arguments.of("010", num(8)),
                Arguments.of("1_000", num(1000)),
                Arguments.of("-1", num(-1)),
                Arguments.of("--1", num(1)),
                Arguments.of("1h30m", num(5400)),
                Arguments.of("-2^2", neg(bin(BinaryOp.POW, num(2), num(2)))),
                Arguments.of("2^3^2", bin(BinaryOp.POW, num(2), bin(BinaryOp.POW, num(3), num(2)))),
                Arguments.of(
                        "1 + 2 * 3", bin(BinaryOp.ADD, num(1), bin(BinaryOp.MUL, num(2), num(3)))),
                Arguments.of(
                        "1 - 2 - 3", bin(BinaryOp.SUB, bin(BinaryOp.SUB, num(1), num(2)), num(3))),
                Arguments.of("-foo * 2", bin(BinaryOp.MUL, neg(FOO), num(2))),
                Arguments.of(
                        "foo or bar and foo", bin(BinaryOp.OR, FOO, bin(BinaryOp.AND, BAR, FOO))),
                Arguments.of("foo == bool 1", bin(BinaryOp.EQL, FOO, num(1), null, true)),
                Arguments.of("foo atan2 bar", bin(BinaryOp.ATAN2, FOO, BAR)),
                Arguments.of(
                        "foo * on(a, b) group_left(c) bar",
                        bin(
                                BinaryOp.MUL,
                                FOO,
                                BAR,
                                new VectorMatching(
                                        Cardinality.MANY_TO_ONE,
                                        true,
                                        List.of("a", "b"),
                                        List.of("c")),
                                false)),
                Arguments.of(
                        "foo / ignoring(a) group_right bar",
                        bin(
                                BinaryOp.DIV,
                                FOO,
                                BAR,
                                new VectorMatching(
                                        Cardinality.ONE_TO_MANY, false, List.of("a"), List.of()),
                                false)),
                Arguments.of(
                        "foo * on(a) group_left (bar) foo",
                        bin(
                                BinaryOp.MUL,
                                FOO,
                                FOO,
                                new VectorMatching(
                                        Cardinality.MANY_TO_ONE,
                                        true,
                                        List.of("a"),
                                        List.of("bar")),
                                false)),
                Arguments.of("'a\\x41\\u00e9'", str("aAé")),
                Arguments.of("`a\\n`", str("a\\n")),
                Arguments.of("\"\\\"q\\\"\"", str("\"q\"")),
                Arguments.of(
                        "foo{a=\"b\", c!=\"d\", e=~\"f\", g!~\"h\",}",
                        sel(
                                "foo",
                                m("a", EQUAL, "b"),
                                m("c", NOT_EQUAL, "d"),
                                m("e", REGEX, "f"),
                                m("g", NOT_REGEX, "h"))),
                Arguments.of(
                        "{\"my.metric\", \"a.b\"=\"x\"}",
                        new VectorSelector(
                                "my.metric",
                                List.of(
                                        LabelMatcher.equal("__name__", "my.metric"),
                                        LabelMatcher.equal("a.b", "x")),
                                0,
                                null,
                                Ast.NO)),
                Arguments.of("sum", sel("sum")),
                Arguments.of("by{on=\"x\"}", sel("by", m("on", EQUAL, "x"))),
                Arguments.of("foo:bar", sel("foo:bar")),
                Arguments.of("foo[5m]", matrix(FOO, 300_000)),
                Arguments.of("foo[4.018]", matrix(FOO, 4018)),
                Arguments.of("foo[5m:]", subquery(FOO, 300_000, 0)),
                Arguments.of("foo[30m:1m]", subquery(FOO, 1_800_000, 60_000)),
                Arguments.of("foo offset -5m", FOO.withOffset(-300_000)),
                Arguments.of("foo @ 10.5", FOO.withAt(new AtModifier.Timestamp(10_500))),
                Arguments.of("foo @ start()", FOO.withAt(new AtModifier.Start())),
                Arguments.of(
                        "foo[5m] @ end() offset 1m",
                        matrix(FOO.withAt(new AtModifier.End()).withOffset(60_000), 300_000)),
                Arguments.of("rate(foo[5m])", call("rate", matrix(FOO, 300_000))),
                Arguments.of("time()", call("time")),
                Arguments.of(
                        "sum by (job, \"a.b\") (foo)",
                        agg(AggregateOp.SUM, FOO, null, List.of("job", "a.b"), false)),
                Arguments.of(
                        "sum(foo) without (on, by)",
                        agg(AggregateOp.SUM, FOO, null, List.of("on", "by"), true)),
                Arguments.of("topk(3, foo)", agg(AggregateOp.TOPK, FOO, num(3), List.of(), false)),
                Arguments.of(
                        "count_values(\"v\", foo)",
                        agg(AggregateOp.COUNT_VALUES, FOO, str("v"), List.of(), false)),
                Arguments.of(
                        "limit_ratio(0.5, foo)",
                        agg(AggregateOp.LIMIT_RATIO, FOO, num(0.5), List.of(), false)),
                Arguments.of("(foo)", paren(FOO)),
                Arguments.of("-(1)", neg(paren(num(1)))),
                Arguments.of("foo # comment\n + 1", bin(BinaryOp.ADD, FOO, num(1))),
                Arguments.of(
                        "rate(foo[5m])[30m:1m]",
                        subquery(call("rate", matrix(FOO, 300_000)), 1_800_000, 60_000)));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("asts")
    void parsesTo(String query, Expr expected) {
        assertEquals(expected, PromqlParser.parse(query));
    }

    @Test
    void spans() {
        BinaryExpr e = (BinaryExpr) PromqlParser.parse("sum(rate(foo[5m])) + -1");
        assertSpan(0, 23, e);
        assertSpan(0, 18, e.lhs());
        assertSpan(21, 23, e.rhs());
        assertInstanceOf(NumberLiteral.class, e.rhs());
        VectorSelector vs = (VectorSelector) PromqlParser.parse("foo{a=\"b\"} offset 5m");
        assertSpan(0, 20, vs);
        MatrixSelector ms = (MatrixSelector) PromqlParser.parse("foo[5m] @ 100");
        assertSpan(0, 13, ms);
        assertSpan(0, 3, ms.selector());
        SubqueryExpr sq = (SubqueryExpr) PromqlParser.parse("(foo)[5m:]");
        assertSpan(0, 10, sq);
        assertSpan(0, 5, sq.expr());
    }

    @Test
    void bareNamesInsideBraces() {
        VectorSelector two = (VectorSelector) PromqlParser.parse("{\"foo\", \"bar\"}");
        assertEquals("foo", two.metricName());
        assertEquals(
                List.of(
                        LabelMatcher.equal("__name__", "foo"),
                        LabelMatcher.equal("__name__", "bar")),
                two.matchers());
        VectorSelector later = (VectorSelector) PromqlParser.parse("{a=\"b\", \"foo\"}");
        assertEquals(null, later.metricName());
    }

    @Test
    void metricSelector() {
        assertEquals(
                List.of(LabelMatcher.equal("job", "api"), LabelMatcher.equal("__name__", "up")),
                PromqlParser.parseMetricSelector("up{job=\"api\"}"));
        assertEquals(
                List.of(LabelMatcher.equal("__name__", "my.metric")),
                PromqlParser.parseMetricSelector("{\"my.metric\"}"));
    }

    private static void assertSpan(int start, int end, Expr e) {
        assertEquals(start + ".." + end, e.pos().start() + ".." + e.pos().end(), e.toString());
    }
}
