package io.weir.promql.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LiteralsTest {
    @Test
    void durations() throws Exception {
        assertEquals(5_400_000, Literals.parseDuration("1h30m"));
        assertEquals(5, Literals.parseDuration("5ms"));
        assertEquals(0, Literals.parseDuration("0"));
        assertEquals(31_536_000_000L + 604_800_000L, Literals.parseDuration("1y1w"));
        assertEquals(
                "not a valid duration string: \"5m1h\"",
                assertThrows(Literals.LiteralException.class, () -> Literals.parseDuration("5m1h"))
                        .getMessage());
        assertEquals(
                "unknown unit \".\" in duration \"1.5m\"",
                assertThrows(Literals.LiteralException.class, () -> Literals.parseDuration("1.5m"))
                        .getMessage());
        assertEquals(
                "duration out of range",
                assertThrows(Literals.LiteralException.class, () -> Literals.parseDuration("300y"))
                        .getMessage());
    }

    @Test
    void durationsPrintAsPrometheusDoes() {
        assertEquals("1h30m", PromqlPrinter.formatDuration(5_400_000));
        assertEquals("90d", PromqlPrinter.formatDuration(90L * 86_400_000));
        assertEquals("2w", PromqlPrinter.formatDuration(14L * 86_400_000));
        assertEquals("1y", PromqlPrinter.formatDuration(365L * 86_400_000));
        assertEquals("4s18ms", PromqlPrinter.formatDuration(4018));
        assertEquals("0s", PromqlPrinter.formatDuration(0));
    }

    @Test
    void numbers() throws Exception {
        assertEquals(8, Literals.parseNumber("010"));
        assertEquals(9, Literals.parseNumber("09"));
        assertEquals(255, Literals.parseNumber("0xFF"));
        assertEquals(Double.POSITIVE_INFINITY, Literals.parseNumber("InF"));
        assertTrue(Double.isNaN(Literals.parseNumber("nan")));
        assertEquals(1e20, Literals.parseNumber("100000000000000000000"));
        assertThrows(Literals.LiteralException.class, () -> Literals.parseNumber("1e999"));
    }

    @Test
    void numbersPrintExactly() {
        for (double v :
                new double[] {0.1, 1e21, Double.MIN_VALUE, -0.0, 123.456, Double.MAX_VALUE}) {
            String s = PromqlPrinter.formatNumber(v);
            assertEquals(Double.doubleToRawLongBits(v), Double.doubleToRawLongBits(num(s)), s);
        }
        assertEquals("1", PromqlPrinter.formatNumber(1));
        assertEquals("-Inf", PromqlPrinter.formatNumber(Double.NEGATIVE_INFINITY));
    }

    private static double num(String s) {
        return ((io.weir.promql.ast.NumberLiteral) PromqlParser.parse(s)).value();
    }

    @Test
    void strings() {
        assertEquals("a\nb", Literals.unquote("\"a\\nb\""));
        assertEquals("it's", Literals.unquote("'it\\'s'"));
        assertEquals("raw\\n", Literals.unquote("`raw\\n`"));
        assertEquals("é", Literals.unquote("\"\\xc3\\xa9\""));
        assertEquals("é", Literals.unquote("\"\\303\\251\""));
        assertEquals("😀", Literals.unquote("\"\\U0001F600\""));
        String invalid = Literals.unquote("\"a\\xc5z\"");
        assertFalse(Quoting.isValidUtf8(invalid));
        assertEquals("\"a\\xc5z\"", Quoting.quote(invalid));
    }

    @Test
    void quotingLikeGo() {
        assertEquals("\"a\\\"b\\\\c\\td\\x01é\\u00a0\"", Quoting.quote("a\"b\\c\td\u0001é\u00a0"));
        assertEquals("'\\''", Quoting.quoteRune('\''));
        assertEquals("U+0063 'c'", Quoting.unicodeForm('c'));
    }
}
