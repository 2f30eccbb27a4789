package io.weir.promql.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class GoFloatTest {
    @Test
    void formatsLikeGo() {
        assertEquals("0.1", GoFloat.formatPlain(0.1));
        assertEquals("100000000000000000000000", GoFloat.formatPlain(1e23));
        assertEquals("-0", GoFloat.formatPlain(-0.0));
        assertEquals("+Inf", GoFloat.formatPlain(Double.POSITIVE_INFINITY));
        assertEquals("1e+23", GoFloat.formatG(1e23));
        assertEquals("123456", GoFloat.formatG(123456));
        assertEquals("1.234567e+06", GoFloat.formatG(1234567));
        assertEquals("0.0001", GoFloat.formatG(0.0001));
        assertEquals("1e-05", GoFloat.formatG(0.00001));
        assertEquals("5e-324", GoFloat.formatG(Double.MIN_VALUE));
    }

    @Property
    void shortestFormReadsBack(@ForAll double v) {
        if (Double.isFinite(v)) {
            assertEquals(v, Double.parseDouble(GoFloat.formatPlain(v)));
            assertEquals(v, Double.parseDouble(GoFloat.formatG(v)));
        }
    }
}
