package io.weir.promql.conformance;

import io.weir.promql.model.StaleNaN;

/** Float comparison as the scripts' reference implementation does it. */
final class AlmostEqual {
    /** Relative error allowed for sample values. */
    static final double EPSILON = 1e-6;

    /** The smallest positive normal double. */
    private static final double MIN_NORMAL = Double.MIN_NORMAL;

    private AlmostEqual() {}

    /**
     * True when {@code a} and {@code b} differ by less than their sum times {@code epsilon}, or
     * both are staleness markers, or both are other NaNs. A staleness marker equals only another
     * one.
     */
    static boolean equal(double a, double b, double epsilon) {
        if (StaleNaN.isStale(a) || StaleNaN.isStale(b)) {
            return StaleNaN.isStale(a) && StaleNaN.isStale(b);
        }
        if (Double.isNaN(a) && Double.isNaN(b)) {
            return true;
        }
        if (a == b) {
            return true;
        }
        double absSum = Math.abs(a) + Math.abs(b);
        double diff = Math.abs(a - b);
        if (a == 0 || b == 0 || absSum < MIN_NORMAL) {
            return diff < epsilon * MIN_NORMAL;
        }
        return diff / Math.min(absSum, Double.MAX_VALUE) < epsilon;
    }

    static boolean equal(double a, double b) {
        return equal(a, b, EPSILON);
    }
}
