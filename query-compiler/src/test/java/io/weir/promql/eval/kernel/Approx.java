package io.weir.promql.eval.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Value comparison as the test scripts do it: NaN equals NaN, otherwise relative 1e-6. */
final class Approx {
    private Approx() {}

    static void close(double expected, Double actual) {
        close(expected, actual, 1e-6);
    }

    static void close(double expected, Double actual, double epsilon) {
        assertNotNull(actual, "expected a value, got none");
        double a = actual;
        if (Double.isNaN(expected) || Double.isInfinite(expected) || expected == 0) {
            if (expected == 0 && !Double.isNaN(a) && !Double.isInfinite(a)) {
                assertTrue(Math.abs(a) < epsilon, () -> "expected 0, got " + a);
                return;
            }
            assertEquals(expected, a);
            return;
        }
        double diff = Math.abs(expected - a);
        assertTrue(
                diff <= epsilon * Math.max(Math.abs(expected), Math.abs(a)),
                () -> "expected " + expected + ", got " + a);
    }

    /** Bit-for-bit equality (so -0 differs from 0 and NaN equals NaN). */
    static void exact(double expected, Double actual) {
        assertNotNull(actual, "expected a value, got none");
        assertEquals(
                Double.doubleToLongBits(expected),
                Double.doubleToLongBits(actual),
                () -> "expected " + expected + ", got " + actual);
    }
}
