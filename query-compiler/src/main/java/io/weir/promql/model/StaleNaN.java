package io.weir.promql.model;

/** Prometheus's staleness marker: a NaN with a distinct bit pattern, carried and honoured. */
public final class StaleNaN {
    /** The bit pattern Prometheus writes for a staleness marker. */
    public static final long BITS = 0x7ff0000000000002L;

    public static final double VALUE = Double.longBitsToDouble(BITS);

    private StaleNaN() {}

    public static boolean isStale(double v) {
        return Double.doubleToRawLongBits(v) == BITS;
    }
}
