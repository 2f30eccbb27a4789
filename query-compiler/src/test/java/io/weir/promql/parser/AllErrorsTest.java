package io.weir.promql.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.weir.promql.PromqlException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The first error is the message; all errors of the failing stage are kept. */
class AllErrorsTest {
    private static List<String> all(String query) {
        PromqlSyntaxException e =
                assertThrows(PromqlSyntaxException.class, () -> PromqlParser.parse(query));
        assertEquals(e.all().get(0).getMessage(), e.getMessage());
        return e.all().stream().map(PromqlException::getMessage).toList();
    }

    @Test
    void syntaxErrors() {
        assertEquals(
                List.of(
                        "1:9: parse error: unexpected identifier \"bar\"",
                        "1:21: parse error: unexpected identifier \"qux\""),
                all("sum(foo bar) + (baz qux)"));
    }

    @Test
    void regexErrorsWordedAsGo() {
        assertEquals(
                List.of(
                        "1:5: parse error: error parsing regexp: missing closing ): `^(?s:()$`",
                        "1:19: parse error: error parsing regexp: unexpected ): `^(?s:))$`"),
                all("foo{a=~\"(\"} + bar{b=~\")\"}"));
    }

    @Test
    void typeErrorsOnSeveralLines() {
        assertEquals(
                List.of(
                        "1:6: parse error: expected type range vector in call to function \"rate\","
                                + " got instant vector",
                        "2:7: parse error: expected type instant vector in call to function \"abs\","
                                + " got scalar"),
                all("rate(foo)\n+ abs(1)"));
        PromqlException e =
                assertThrows(PromqlException.class, () -> PromqlParser.parse("rate(foo)"));
        assertEquals(PromqlException.ErrorCode.TYPE, e.code());
    }
}
