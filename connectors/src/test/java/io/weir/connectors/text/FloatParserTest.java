package io.weir.connectors.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FloatParserTest {
    private static double parse(String s) {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        return FloatParser.parse(b, 0, b.length);
    }

    @Test
    void agreesWithJavaOnDecimals() {
        Random r = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            double v =
                    switch (i % 4) {
                        case 0 -> r.nextInt(1_000_000) / 1000.0;
                        case 1 -> r.nextDouble() * Math.pow(10, r.nextInt(40) - 20);
                        case 2 -> r.nextLong();
                        default -> Double.longBitsToDouble(r.nextLong());
                    };
            if (Double.isNaN(v) || Double.isInfinite(v)) {
                continue;
            }
            String s = Double.toString(v);
            assertEquals(v, parse(s), s);
            String plain = new java.math.BigDecimal(v).toPlainString();
            if (plain.length() < 400) {
                assertEquals(v, parse(plain), plain);
            }
        }
    }

    @Test
    void specials() {
        assertEquals(Double.POSITIVE_INFINITY, parse("+Inf"));
        assertEquals(Double.POSITIVE_INFINITY, parse("INF"));
        assertEquals(Double.NEGATIVE_INFINITY, parse("-infinity"));
        assertEquals(Double.NaN, parse("nan"));
        assertEquals(-0.0, parse("-0"));
        assertEquals(0.0, parse("1e-400"));
        assertEquals(12.0, parse("12."));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "", "+", ".", "e5", "1e", "1e+", "1.2.3", "0x10", "1_000", "Infinit", "-nan", "1d",
                "1f", " 1"
            })
    void rejects(String s) {
        assertThrows(NumberFormatException.class, () -> parse(s));
    }
}
