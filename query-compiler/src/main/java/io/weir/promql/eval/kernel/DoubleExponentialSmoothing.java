package io.weir.promql.eval.kernel;

import io.weir.promql.PromqlException;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * {@code double_exponential_smoothing(v, sf, tf)} (Holt's linear method): the smoothed value at the
 * last sample, with smoothing factor {@code params[0]} and trend factor {@code params[1]}, both
 * strictly between 0 and 1.
 */
public final class DoubleExponentialSmoothing implements RangeKernel {
    static final DoubleExponentialSmoothing INSTANCE = new DoubleExponentialSmoothing();

    private DoubleExponentialSmoothing() {}

    @Override
    public int minSamples() {
        return 2;
    }

    /**
     * Prometheus rejects bad factors as soon as a window holds any sample, even one too few to
     * smooth, so the check is separate from {@link #apply}.
     *
     * @throws PromqlException (EXECUTION) with Prometheus's message when a factor is out of range
     */
    @Override
    public void checkParams(double[] params) {
        double sf = params[0];
        double tf = params[1];
        // Negated so that NaN is rejected too.
        if (!(sf > 0 && sf < 1)) {
            throw new PromqlException(
                    PromqlException.ErrorCode.EXECUTION,
                    "invalid smoothing factor. Expected: 0 < sf < 1, got: " + goFloat(sf));
        }
        if (!(tf > 0 && tf < 1)) {
            throw new PromqlException(
                    PromqlException.ErrorCode.EXECUTION,
                    "invalid trend factor. Expected: 0 < tf < 1, got: " + goFloat(tf));
        }
    }

    @Override
    public double apply(
            long[] ts,
            double[] vals,
            int from,
            int to,
            long windowStart,
            long windowEnd,
            long evalTime,
            double[] params) {
        checkParams(params);
        double sf = params[0];
        double tf = params[1];
        double s0 = 0;
        double s1 = vals[from];
        double b = vals[from + 1] - vals[from];
        for (int i = from + 1; i < to; i++) {
            double x = sf * vals[i];
            // The trend at the first step is the initial difference itself.
            if (i - 1 > from) {
                b = tf * (s1 - s0) + (1 - tf) * b;
            }
            double y = (1 - sf) * (s1 + b);
            s0 = s1;
            s1 = x + y;
        }
        return s1;
    }

    /** Go's {@code %f}: six decimals, with Go's spelling of the special values. */
    static String goFloat(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == 0) {
            return Double.doubleToRawLongBits(v) < 0 ? "-0.000000" : "0.000000";
        }
        // The exact binary value rounded half-even, as Go formats it.
        return new BigDecimal(v).setScale(6, RoundingMode.HALF_EVEN).toPlainString();
    }
}
