package io.weir.promql.eval.kernel;

/**
 * Kahan-Babuska-Neumaier compensated summation, step for step as Prometheus does it: the new sum is
 * always the plain {@code sum + inc}; the error of that addition accumulates in a separate
 * compensation term, which is reset to zero once the sum overflows to an infinity (so an infinite
 * sum stays exactly infinite).
 *
 * <p>The static {@link #compensation} lets hot loops keep sum and compensation in local variables
 * without allocating; an instance is a convenient mutable pair for callers that prefer one.
 */
public final class KahanSum {
    private double sum;
    private double c;

    /**
     * The compensation after adding {@code inc} to {@code sum} whose compensation was {@code c}.
     */
    public static double compensation(double inc, double sum, double c) {
        double t = sum + inc;
        if (Double.isInfinite(t)) {
            return 0;
        }
        // Neumaier's improvement: take the error of whichever operand is smaller.
        if (Math.abs(sum) >= Math.abs(inc)) {
            return c + ((sum - t) + inc);
        }
        return c + ((inc - t) + sum);
    }

    /** Adds one value. */
    public void add(double inc) {
        c = compensation(inc, sum, c);
        sum += inc;
    }

    /** The uncompensated running sum. */
    public double sum() {
        return sum;
    }

    /** The accumulated compensation. */
    public double compensation() {
        return c;
    }

    /** The compensated total: the sum itself when it is infinite, else sum plus compensation. */
    public double value() {
        return Double.isInfinite(sum) ? sum : sum + c;
    }

    /** Starts again from zero. */
    public void reset() {
        sum = 0;
        c = 0;
    }
}
