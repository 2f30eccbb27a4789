package io.weir.promql.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.weir.promql.PromqlException;
import org.junit.jupiter.api.Test;

/** Deeply nested queries fail with a clear error, never a StackOverflowError. */
class NestingTest {
    @Test
    void deepParentheses() {
        String q = "(".repeat(100_000) + "1" + ")".repeat(100_000);
        PromqlException e = assertThrows(PromqlException.class, () -> PromqlParser.parse(q));
        assertEquals("1:257: parse error: expression nested too deeply", e.getMessage());
    }

    @Test
    void longOperatorChains() {
        for (String q :
                new String[] {
                    "1" + " + 1".repeat(100_000),
                    "1" + " ^ 1".repeat(100_000),
                    "-".repeat(10_000) + "1"
                }) {
            PromqlException e = assertThrows(PromqlException.class, () -> PromqlParser.parse(q));
            assertEquals("parse error: expression nested too deeply", e.detail());
        }
    }

    @Test
    void reasonableNestingParses() {
        String q = "(".repeat(200) + "1" + ")".repeat(200);
        assertEquals(q, PromqlPrinter.print(PromqlParser.parse(q)));
        String sum = "a" + " + a".repeat(400);
        assertEquals(sum, PromqlPrinter.print(PromqlParser.parse(sum)));
    }
}
