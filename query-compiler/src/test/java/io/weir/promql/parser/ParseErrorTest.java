package io.weir.promql.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.weir.promql.PromqlException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Queries that must fail, with the position and wording Prometheus gives (most cases and their
 * wording come from Prometheus's own parser tests).
 */
class ParseErrorTest {
    static Stream<Arguments> errors() {
        return Stream.of(
                Arguments.of("", 0, "no expression found in input"),
                Arguments.of("# just a comment\n\n", 0, "no expression found in input"),
                Arguments.of("1+", 2, "unexpected end of input"),
                Arguments.of(".", 0, "unexpected character: '.'"),
                Arguments.of("2.5.", 0, "bad number or duration syntax: \"2.5.\""),
                Arguments.of("100..4", 0, "bad number or duration syntax: \"100..\""),
                Arguments.of("1 /", 3, "unexpected end of input"),
                Arguments.of("*1", 0, "unexpected <op:*>"),
                Arguments.of("(1))", 4, "unexpected right parenthesis ')'"),
                Arguments.of("((1)", 4, "unclosed left parenthesis"),
                Arguments.of("(", 1, "unclosed left parenthesis"),
                Arguments.of(
                        "1 and 1",
                        0,
                        "set operator \"and\" not allowed in binary scalar expression"),
                Arguments.of("1 == 1", 2, "comparisons between scalars must use BOOL modifier"),
                Arguments.of(
                        "1 or 1", 0, "set operator \"or\" not allowed in binary scalar expression"),
                Arguments.of(
                        "1 unless 1",
                        0,
                        "set operator \"unless\" not allowed in binary scalar expression"),
                Arguments.of("1 !~ 1", 2, "unexpected character after '!': '~'"),
                Arguments.of("1 =~ 1", 2, "unexpected character after '=': '~'"),
                Arguments.of(
                        "-\"string\"",
                        0,
                        "unary expression only allowed on expressions of type scalar or instant vector, got \"string\""),
                Arguments.of(
                        "-test[5m]",
                        0,
                        "unary expression only allowed on expressions of type scalar or instant vector, got \"range vector\""),
                Arguments.of("*test", 0, "unexpected <op:*>"),
                Arguments.of("@@", 0, "unexpected <op:@>"),
                Arguments.of(
                        "1 offset 1d",
                        0,
                        "offset modifier must be preceded by an instant vector selector or range vector selector or a subquery"),
                Arguments.of("foo offset 1s offset 2s", 0, "offset may not be set multiple times"),
                Arguments.of("a - on(b) ignoring(c) d", 10, "unexpected <ignoring>"),
                Arguments.of(
                        "foo and 1",
                        0,
                        "set operator \"and\" not allowed in binary scalar expression"),
                Arguments.of(
                        "1 and foo",
                        0,
                        "set operator \"and\" not allowed in binary scalar expression"),
                Arguments.of(
                        "foo or 1",
                        0,
                        "set operator \"or\" not allowed in binary scalar expression"),
                Arguments.of(
                        "1 or foo",
                        0,
                        "set operator \"or\" not allowed in binary scalar expression"),
                Arguments.of(
                        "foo unless 1",
                        0,
                        "set operator \"unless\" not allowed in binary scalar expression"),
                Arguments.of(
                        "1 unless foo",
                        0,
                        "set operator \"unless\" not allowed in binary scalar expression"),
                Arguments.of(
                        "1 or on(bar) foo",
                        0,
                        "vector matching only allowed between instant vectors"),
                Arguments.of(
                        "foo == on(bar) 10",
                        0,
                        "vector matching only allowed between instant vectors"),
                Arguments.of("foo + group_left(baz) bar", 6, "unexpected <group_left>"),
                Arguments.of(
                        "foo and on(bar) group_left(baz) bar",
                        0,
                        "no grouping allowed for \"and\" operation"),
                Arguments.of(
                        "foo and on(bar) group_right(baz) bar",
                        0,
                        "no grouping allowed for \"and\" operation"),
                Arguments.of(
                        "foo or on(bar) group_left(baz) bar",
                        0,
                        "no grouping allowed for \"or\" operation"),
                Arguments.of(
                        "foo or on(bar) group_right(baz) bar",
                        0,
                        "no grouping allowed for \"or\" operation"),
                Arguments.of(
                        "foo unless on(bar) group_left(baz) bar",
                        0,
                        "no grouping allowed for \"unless\" operation"),
                Arguments.of(
                        "foo unless on(bar) group_right(baz) bar",
                        0,
                        "no grouping allowed for \"unless\" operation"),
                Arguments.of(
                        "http_requests{group=\"production\"} + on(instance) group_left(job,instance) cpu_count{type=\"smp\"}",
                        34,
                        "label \"instance\" must not occur in ON and GROUP clause at once"),
                Arguments.of(
                        "foo + bool bar",
                        4,
                        "bool modifier can only be used on comparison operators"),
                Arguments.of(
                        "foo + bool 10",
                        4,
                        "bool modifier can only be used on comparison operators"),
                Arguments.of(
                        "foo and bool 10",
                        4,
                        "bool modifier can only be used on comparison operators"),
                Arguments.of("foo @ +Inf", 0, "timestamp out of bounds for @ modifier: +Inf"),
                Arguments.of("foo @ -Inf", 0, "timestamp out of bounds for @ modifier: -Inf"),
                Arguments.of("foo @ NaN", 0, "timestamp out of bounds for @ modifier: NaN"),
                Arguments.of("{", 1, "unexpected end of input inside braces"),
                Arguments.of("}", 0, "unexpected character: '}'"),
                Arguments.of("some{", 5, "unexpected end of input inside braces"),
                Arguments.of("some}", 4, "unexpected character: '}'"),
                Arguments.of(
                        "some_metric{a=b}",
                        14,
                        "unexpected identifier \"b\" in label matching, expected string"),
                Arguments.of(
                        "some_metric{a:b=\"b\"}", 13, "unexpected character inside braces: ':'"),
                Arguments.of("foo{a*\"b\"}", 5, "unexpected character inside braces: '*'"),
                Arguments.of("foo{a>=\"b\"}", 5, "unexpected character inside braces: '>'"),
                Arguments.of(
                        "foo{gibberish}",
                        13,
                        "unexpected \"}\" in label matching, expected label matching operator"),
                Arguments.of("foo{1}", 4, "unexpected character inside braces: '1'"),
                Arguments.of(
                        "{}", 0, "vector selector must contain at least one non-empty matcher"),
                Arguments.of(
                        "{x=\"\"}",
                        0,
                        "vector selector must contain at least one non-empty matcher"),
                Arguments.of(
                        "{x=~\".*\"}",
                        0,
                        "vector selector must contain at least one non-empty matcher"),
                Arguments.of(
                        "{x!~\".+\"}",
                        0,
                        "vector selector must contain at least one non-empty matcher"),
                Arguments.of(
                        "{x!=\"a\"}",
                        0,
                        "vector selector must contain at least one non-empty matcher"),
                Arguments.of(
                        "foo{__name__=\"bar\"}",
                        0,
                        "metric name must not be set twice: \"foo\" or \"bar\""),
                Arguments.of(
                        "foo{__name__= =}",
                        14,
                        "unexpected \"=\" in label matching, expected string"),
                Arguments.of(
                        "foo{,}",
                        4,
                        "unexpected \",\" in label matching, expected identifier or \"}\""),
                Arguments.of(
                        "foo{__name__ == \"bar\"}",
                        14,
                        "unexpected \"=\" in label matching, expected string"),
                Arguments.of(
                        "foo{__name__=\"bar\" lol}",
                        19,
                        "unexpected identifier \"lol\" in label matching, expected \",\" or \"}\""),
                Arguments.of(
                        "foo{\"a\"=}", 8, "unexpected \"}\" in label matching, expected string"),
                Arguments.of("foo[5mm]", 4, "bad number or duration syntax: \"5mm\""),
                Arguments.of("foo[5m1]", 4, "bad number or duration syntax: \"5m1\""),
                Arguments.of("foo[5m:1m1]", 7, "bad number or duration syntax: \"1m1\""),
                Arguments.of("foo[5y1hs]", 4, "unknown unit \"hs\" in duration \"5y1hs\""),
                Arguments.of("foo[5m1h]", 4, "not a valid duration string: \"5m1h\""),
                Arguments.of("foo[5m1m]", 4, "not a valid duration string: \"5m1m\""),
                Arguments.of("foo[0m]", 4, "duration must be greater than 0"),
                Arguments.of("foo[\"5m\"]", 4, "unexpected character in duration expression: '\"'"),
                Arguments.of(
                        "foo[]",
                        4,
                        "unexpected \"]\" in subquery or range selector, expected number, duration, step(), or range()"),
                Arguments.of("foo[-1]", 4, "duration must be greater than 0"),
                Arguments.of(
                        "some_metric[5m] OFFSET 1mm", 23, "bad number or duration syntax: \"1mm\""),
                Arguments.of(
                        "some_metric[5m] OFFSET",
                        22,
                        "unexpected end of input in offset, expected number, duration, step(), or range()"),
                Arguments.of(
                        "some_metric OFFSET 1m[5m]",
                        21,
                        "no offset modifiers allowed before range"),
                Arguments.of(
                        "some_metric[5m] @",
                        17,
                        "unexpected end of input in @, expected timestamp"),
                Arguments.of("some_metric @ 1234 [5m]", 19, "no @ modifiers allowed before range"),
                Arguments.of(
                        "some_metric @ start() [5m]", 22, "no @ modifiers allowed before range"),
                Arguments.of("some_metric @ end()[5m]", 19, "no @ modifiers allowed before range"),
                Arguments.of("(foo + bar)[5m]", 11, "ranges only allowed for vector selectors"),
                Arguments.of("sum by (\"foo)(some_metric{})", 8, "unterminated quoted string"),
                Arguments.of(
                        "sum without(==)(some_metric)",
                        12,
                        "unexpected <op:==> in grouping opts, expected label"),
                Arguments.of(
                        "sum without(,)(some_metric)",
                        12,
                        "unexpected \",\" in grouping opts, expected label"),
                Arguments.of(
                        "sum without(foo,,)(some_metric)",
                        16,
                        "unexpected \",\" in grouping opts, expected label"),
                Arguments.of(
                        "sum some_metric by (test)", 4, "unexpected identifier \"some_metric\""),
                Arguments.of(
                        "sum (some_metric) by test",
                        21,
                        "unexpected identifier \"test\" in grouping opts, expected \"(\""),
                Arguments.of(
                        "sum () by (test)", 0, "no arguments for aggregate expression provided"),
                Arguments.of(
                        "MIN keep_common (some_metric)",
                        4,
                        "unexpected identifier \"keep_common\""),
                Arguments.of(
                        "MIN (some_metric) keep_common",
                        18,
                        "unexpected identifier \"keep_common\""),
                Arguments.of("sum (some_metric) without (test) by (test)", 33, "unexpected <by>"),
                Arguments.of("sum without (test) (some_metric) by (test)", 33, "unexpected <by>"),
                Arguments.of(
                        "topk(some_metric)",
                        0,
                        "wrong number of arguments for aggregate expression provided, expected 2, got 1"),
                Arguments.of(
                        "topk(some_metric,)",
                        16,
                        "trailing commas not allowed in function call args"),
                Arguments.of(
                        "topk(some_metric, other_metric)",
                        5,
                        "expected type scalar in aggregation parameter, got instant vector"),
                Arguments.of(
                        "count_values(5, other_metric)",
                        13,
                        "expected type string in aggregation parameter, got scalar"),
                Arguments.of(
                        "rate(some_metric[5m]) @ 1234",
                        0,
                        "@ modifier must be preceded by an instant vector selector or range vector selector or a subquery"),
                Arguments.of("floor()", 0, "expected 1 argument(s) in call to \"floor\", got 0"),
                Arguments.of(
                        "floor(some_metric, other_metric)",
                        0,
                        "expected 1 argument(s) in call to \"floor\", got 2"),
                Arguments.of(
                        "floor(some_metric, 1)",
                        0,
                        "expected 1 argument(s) in call to \"floor\", got 2"),
                Arguments.of(
                        "floor(1)",
                        6,
                        "expected type instant vector in call to function \"floor\", got scalar"),
                Arguments.of(
                        "hour(some_metric, some_metric, some_metric)",
                        0,
                        "expected at most 1 argument(s) in call to \"hour\", got 3"),
                Arguments.of(
                        "time(some_metric)",
                        0,
                        "expected 0 argument(s) in call to \"time\", got 1"),
                Arguments.of(
                        "non_existent_function_far_bar()",
                        0,
                        "unknown function with name \"non_existent_function_far_bar\""),
                Arguments.of(
                        "rate(some_metric)",
                        5,
                        "expected type range vector in call to function \"rate\", got instant vector"),
                Arguments.of("-=", 1, "unexpected \"=\""),
                Arguments.of("++-++-+-+-<", 10, "unexpected <op:<>"),
                Arguments.of("e-+=/(0)", 3, "unexpected \"=\""),
                Arguments.of("a>b()", 2, "unknown function with name \"b\""),
                Arguments.of(
                        "rate(avg)",
                        5,
                        "expected type range vector in call to function \"rate\", got instant vector"),
                Arguments.of("`\\``", 3, "unterminated raw string"),
                Arguments.of("\"\\", 0, "escape sequence not terminated"),
                Arguments.of("\"\\c\"", 0, "unknown escape sequence U+0063 'c'"),
                Arguments.of("\"\\x.\"", 0, "illegal character U+002E '.' in escape sequence"),
                Arguments.of(
                        "foo{bar=\"baz\"}[", 15, "unexpected end of input in duration expression"),
                Arguments.of(
                        "test[5d] OFFSET 10s [10m:5s]",
                        0,
                        "subquery is only allowed on instant vector, got matrix instead"),
                Arguments.of(
                        "(foo + bar{nm=\"val\"})[5m:][10m:5s]",
                        0,
                        "subquery is only allowed on instant vector, got matrix instead"),
                Arguments.of(
                        "rate(food[1m])[1h] offset 1h",
                        14,
                        "ranges only allowed for vector selectors"),
                Arguments.of(
                        "rate(food[1m])[1h] @ 100", 14, "ranges only allowed for vector selectors"),
                Arguments.of(
                        "info(rate(http_request_counter_total{}[5m]), target_info{foo=\"bar\"})",
                        45,
                        "expected label selectors only, got vector selector instead"),
                Arguments.of(
                        "info(http_request_counter_total{namespace=\"zzz\"}, {foo=\"bar\"} == 1)",
                        50,
                        "expected label selectors only"),
                Arguments.of("foo offset 9.5e10", 11, "duration out of range"),
                Arguments.of("foo[9.5e10]", 4, "duration out of range"),
                Arguments.of("sum(", 4, "unclosed left parenthesis"),
                Arguments.of("sum(rate(", 9, "unclosed left parenthesis"),
                Arguments.of("foo[5s x 5s]", 7, "unexpected character: 'x', expected ':'"),
                Arguments.of("foo[5s s 5s]", 7, "unexpected character: 's', expected ':'"),
                Arguments.of(
                        "sum(foo, bar)",
                        0,
                        "wrong number of arguments for aggregate expression provided, expected 1, got 2"),
                Arguments.of(
                        "quantile(\"a\", foo)",
                        9,
                        "expected type scalar in aggregation parameter, got string"),
                Arguments.of(
                        "sum(foo[5m])",
                        4,
                        "expected type instant vector in aggregation expression, got range vector"),
                Arguments.of(
                        "foo[5m] + 1",
                        0,
                        "binary expression must contain only scalar and instant vector types"),
                Arguments.of(
                        "1 + on(a) 2", 0, "vector matching only allowed between instant vectors"),
                Arguments.of(
                        "(1)[5m:]",
                        0,
                        "subquery is only allowed on instant vector, got scalar instead"),
                Arguments.of("foo @ 1 @ 2", 0, "@ <timestamp> may not be set multiple times"),
                Arguments.of(
                        "label_join(foo, \"a\", \"b\", 1)",
                        26,
                        "expected type string in call to function \"label_join\", got scalar"),
                Arguments.of(
                        "round()",
                        0,
                        "expected at least 1 argument(s) in call to \"round\", got 0"),
                Arguments.of("foo[5m:0s]", 7, "duration must be greater than 0"),
                Arguments.of("foo offset 1x", 11, "bad number or duration syntax: \"1\""),
                Arguments.of("\"abc", 0, "unterminated quoted string"),
                Arguments.of(
                        "foo{a=\"b\"\n, c=d}",
                        14,
                        "unexpected identifier \"d\" in label matching, expected string"),
                Arguments.of("sum by (a)", 10, "unexpected end of input"),
                Arguments.of("foo * on(a) group_left (bar)", 28, "unexpected end of input"),
                Arguments.of("1 +\n  * 2", 6, "unexpected <op:*>"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("errors")
    void failsWithPrometheusWording(String query, int offset, String message) {
        PromqlException e = assertThrows(PromqlException.class, () -> PromqlParser.parse(query));
        assertEquals("parse error: " + message, e.detail());
        assertEquals(offset, e.pos().start(), "offset of the error");
        String lineColumn =
                io.weir.promql.ast.PositionRange.LineColumn.of(query, offset).toString();
        assertEquals(lineColumn + ": parse error: " + message, e.getMessage());
    }
}
