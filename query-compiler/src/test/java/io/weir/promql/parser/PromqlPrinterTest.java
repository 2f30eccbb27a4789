package io.weir.promql.parser;

import static io.weir.promql.parser.Ast.bin;
import static io.weir.promql.parser.Ast.neg;
import static io.weir.promql.parser.Ast.num;
import static io.weir.promql.parser.Ast.sel;
import static io.weir.promql.parser.Ast.subquery;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.weir.promql.ast.BinaryOp;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PromqlPrinterTest {
    static Stream<String> canonical() {
        return Stream.of(
                "sum by (job) (rate(foo{a=\"b\"}[5m] offset 1h30m))",
                "topk(3, foo) or on (a) bar * on (a) group_left (b) baz",
                "foo == bool 1",
                "{\"my.metric\", \"a.b\"=\"x\"}",
                "{\"bool\"}",
                "{\"foo\", __name__=\"bar\"}",
                "{a=\"b\", __name__=\"my.metric\"}",
                "foo @ 1.500 offset -5m",
                "foo @ start()",
                "rate(foo[1m])[1h:1m] @ end()",
                "-2 ^ 2",
                "(-2) ^ 2",
                "-(1 + 2)",
                "\"a\\nb\\x01\\u00a0\"",
                "sum without () (foo)",
                "count_values(\"v\", foo)",
                "foo and ignoring () bar");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("canonical")
    void printsCanonicalQueriesUnchanged(String query) {
        assertEquals(query, PromqlPrinter.print(PromqlParser.parse(query)));
    }

    @Test
    void normalisesSpellings() {
        assertEquals(
                "sum by (job) (foo)", PromqlPrinter.print(PromqlParser.parse("SUM(foo) BY(job)")));
        assertEquals("foo[1h30m]", PromqlPrinter.print(PromqlParser.parse("foo[90m]")));
        assertEquals("foo{a=\"b\"}", PromqlPrinter.print(PromqlParser.parse("foo{a='b',}")));
        assertEquals("5400", PromqlPrinter.print(PromqlParser.parse("1h30m")));
        assertEquals("8", PromqlPrinter.print(PromqlParser.parse("010")));
    }

    @Test
    void addsTheParenthesesThatAnAstBuiltInCodeNeeds() {
        assertEquals(
                "(1 + 2) * 3",
                PromqlPrinter.print(bin(BinaryOp.MUL, bin(BinaryOp.ADD, num(1), num(2)), num(3))));
        assertEquals(
                "1 - (2 - 3)",
                PromqlPrinter.print(bin(BinaryOp.SUB, num(1), bin(BinaryOp.SUB, num(2), num(3)))));
        assertEquals(
                "(2 ^ 3) ^ 2",
                PromqlPrinter.print(bin(BinaryOp.POW, bin(BinaryOp.POW, num(2), num(3)), num(2))));
        assertEquals("(-1) ^ 2", PromqlPrinter.print(bin(BinaryOp.POW, num(-1), num(2))));
        assertEquals("-(1)", PromqlPrinter.print(neg(num(1))));
        assertEquals(
                "(foo + foo)[5m:]",
                PromqlPrinter.print(
                        subquery(bin(BinaryOp.ADD, sel("foo"), sel("foo")), 300_000, 0)));
    }
}
