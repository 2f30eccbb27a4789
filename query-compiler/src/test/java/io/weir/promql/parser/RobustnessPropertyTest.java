package io.weir.promql.parser;

import io.weir.promql.PromqlException;
import io.weir.promql.ast.Expr;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever the text, parsing either succeeds or fails with a positioned PromqlException. */
class RobustnessPropertyTest {
    private static final List<String> PIECES =
            List.of(
                    "foo",
                    "sum",
                    "by",
                    "(",
                    ")",
                    "[",
                    "]",
                    "{",
                    "}",
                    ",",
                    ":",
                    "5m",
                    "1",
                    "0x1",
                    ".5",
                    "1e",
                    "\"a\"",
                    "'b'",
                    "`c`",
                    "\"\\",
                    "=",
                    "!=",
                    "=~",
                    "!~",
                    "==",
                    "+",
                    "-",
                    "*",
                    "/",
                    "^",
                    "%",
                    "@",
                    "offset",
                    "bool",
                    "on",
                    "ignoring",
                    "group_left",
                    "without",
                    "rate",
                    "topk",
                    "count_values",
                    "start()",
                    "end",
                    "#c\n",
                    " ",
                    "\n",
                    "and",
                    "or",
                    "unless",
                    "atan2",
                    "inf",
                    "NaN",
                    "ä",
                    "\t",
                    "<",
                    ">=",
                    "!",
                    "~",
                    "?",
                    "\"é\"",
                    "__name__",
                    "le",
                    "1h30m",
                    "-1",
                    "step",
                    "fill",
                    "smoothed");

    @Provide
    Arbitrary<String> soup() {
        return Arbitraries.of(PIECES).list().ofMaxSize(14).map(l -> String.join("", l));
    }

    @Property(tries = 3000)
    void neverCrashes(@ForAll("soup") String query) {
        try {
            Expr e = PromqlParser.parse(query);
            PromqlParser.parse(PromqlPrinter.print(e));
        } catch (PromqlException e) {
            if (!e.getMessage().contains("parse error: ")) {
                throw new AssertionError("unexpected message for " + query + ": " + e.getMessage());
            }
        }
    }

    @Property(tries = 1000)
    void metricSelectorsNeverCrash(@ForAll("soup") String selector) {
        try {
            PromqlParser.parseMetricSelector(selector);
        } catch (PromqlException e) {
            if (!e.getMessage().contains("parse error: ")) {
                throw new AssertionError(
                        "unexpected message for " + selector + ": " + e.getMessage());
            }
        }
    }
}
