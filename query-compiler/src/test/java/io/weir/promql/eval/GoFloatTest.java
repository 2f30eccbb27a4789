package io.weir.promql.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.weir.promql.model.GoFloatFormat;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class GoFloatTest {
    /**
     * The double nearest 10^23, which lies just below it (99999999999999991611392); Go's shortest
     * form still prints it as 1e23. 1e22 is exact, so the product is rounded once.
     */
    private static final double NEAR_1E23 = 1e22 * 10;

    @Test
    void formatsLikeGo() {
        assertEquals("0.1", GoFloatFormat.formatF(0.1));
        assertEquals("100000000000000000000000", GoFloatFormat.formatF(NEAR_1E23));
        assertEquals("-0", GoFloatFormat.formatF(-0.0));
        assertEquals("+Inf", GoFloatFormat.formatF(Double.POSITIVE_INFINITY));
        assertEquals("1e+23", GoFloatFormat.formatG(NEAR_1E23));
        assertEquals("123456", GoFloatFormat.formatG(123456));
        assertEquals("1.234567e+06", GoFloatFormat.formatG(1234567));
        assertEquals("0.0001", GoFloatFormat.formatG(0.0001));
        assertEquals("1e-05", GoFloatFormat.formatG(0.00001));
        assertEquals("5e-324", GoFloatFormat.formatG(Double.MIN_VALUE));
    }

    @Property
    void shortestFormReadsBack(@ForAll double v) {
        if (Double.isFinite(v)) {
            assertEquals(v, Double.parseDouble(GoFloatFormat.formatF(v)));
            assertEquals(v, Double.parseDouble(GoFloatFormat.formatG(v)));
        }
    }
}
