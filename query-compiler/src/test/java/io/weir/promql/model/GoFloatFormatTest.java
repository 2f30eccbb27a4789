package io.weir.promql.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GoFloatFormatTest {

    @Test
    void fFormatAsGo() {
        assertEquals("1", GoFloatFormat.formatF(1));
        assertEquals("0.1", GoFloatFormat.formatF(0.1));
        assertEquals("-2.5", GoFloatFormat.formatF(-2.5));
        assertEquals("0.0000001", GoFloatFormat.formatF(1e-7));
        assertEquals("100000000000000000000000", GoFloatFormat.formatF(Double.parseDouble("1e23")));
        assertEquals("123456789.123", GoFloatFormat.formatF(123456789.123));
        assertEquals("0.30000000000000004", GoFloatFormat.formatF(0.1 + 0.2));
        assertEquals("+Inf", GoFloatFormat.formatF(Double.POSITIVE_INFINITY));
        assertEquals("-Inf", GoFloatFormat.formatF(Double.NEGATIVE_INFINITY));
        assertEquals("NaN", GoFloatFormat.formatF(Double.NaN));
        assertEquals("0", GoFloatFormat.formatF(0.0));
        assertEquals("-0", GoFloatFormat.formatF(-0.0));
        assertEquals("9007199254740992", GoFloatFormat.formatF(9007199254740992.0));
        assertEquals("18014398509481984", GoFloatFormat.formatF(18014398509481984.0));
    }

    @Test
    void eFormatAsGo() {
        assertEquals("1e-07", GoFloatFormat.formatE(1e-7));
        assertEquals("1.5e+21", GoFloatFormat.formatE(1.5e21));
        assertEquals("1.7976931348623157e+308", GoFloatFormat.formatE(Double.MAX_VALUE));
        assertEquals("5e-324", GoFloatFormat.formatE(Double.MIN_VALUE));
        assertEquals("-1.234e+100", GoFloatFormat.formatE(-1.234e100));
        assertEquals("0e+00", GoFloatFormat.formatE(0.0));
        assertEquals("-0e+00", GoFloatFormat.formatE(-0.0));
    }

    @Test
    void gFormatAsGo() {
        assertEquals("1e+06", GoFloatFormat.formatG(1e6));
        assertEquals("123456", GoFloatFormat.formatG(123456));
        assertEquals("1.234567e+06", GoFloatFormat.formatG(1234567));
        assertEquals("0.0001", GoFloatFormat.formatG(1e-4));
        assertEquals("1e-05", GoFloatFormat.formatG(1e-5));
        assertEquals("0.25", GoFloatFormat.formatG(0.25));
    }

    @Test
    void javaToStringIsNotAlwaysShortest() {
        // Values where Java 17's Double.toString has been known to print more digits than needed.
        assertEquals("0.002", GoFloatFormat.formatF(2.0e-3));
        assertEquals("2e+23", GoFloatFormat.formatE(Double.parseDouble("2e23")));
        assertEquals("1e+23", GoFloatFormat.formatE(Double.parseDouble("1e23")));
    }

    @Test
    void shortestDigitsReadBackAndCannotBeShortened() {
        Random r = new Random(11);
        for (int i = 0; i < 5_000; i++) {
            double v = Double.longBitsToDouble(r.nextLong());
            if (Double.isNaN(v) || Double.isInfinite(v) || v == 0) {
                continue;
            }
            String e = GoFloatFormat.formatE(v);
            assertEquals(v, Double.parseDouble(e), e);
            String mantissa = e.substring(e.startsWith("-") ? 1 : 0, e.indexOf('e'));
            String digits = mantissa.replace(".", "");
            if (digits.length() > 1) {
                // No decimal with one digit fewer reads back as v.
                BigDecimal exact = new BigDecimal(v);
                int n = digits.length() - 1;
                for (java.math.RoundingMode m :
                        new java.math.RoundingMode[] {
                            java.math.RoundingMode.DOWN, java.math.RoundingMode.UP
                        }) {
                    double back = exact.round(new java.math.MathContext(n, m)).doubleValue();
                    assertEquals(false, back == v, e + " could be shorter");
                }
            }
        }
    }
}
