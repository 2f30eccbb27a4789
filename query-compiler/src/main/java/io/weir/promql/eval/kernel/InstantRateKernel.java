package io.weir.promql.eval.kernel;

/**
 * {@code irate} and {@code idelta}: the change between the last two samples of the window, per
 * second for {@code irate}, where a drop counts as a counter reset (the rate then uses the last
 * value alone, the counter having restarted from zero).
 */
public enum InstantRateKernel implements RangeKernel {
    IRATE(true),
    IDELTA(false);

    private final boolean isRate;

    InstantRateKernel(boolean isRate) {
        this.isRate = isRate;
    }

    @Override
    public int minSamples() {
        return 2;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Prometheus drops the output when the last two samples share a timestamp; timestamps of one
     * series are strictly ascending here, so that cannot happen, and NaN is returned should it
     * happen anyway.
     */
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
        int last = to - 1;
        int prev = to - 2;
        long sampledInterval = ts[last] - ts[prev];
        if (sampledInterval == 0) {
            return Double.NaN;
        }
        double result = vals[last];
        // The negated comparison keeps NaN out of the reset branch, as Prometheus does.
        if (!isRate || !(vals[last] < vals[prev])) {
            result = vals[last] - vals[prev];
        }
        if (isRate) {
            result /= sampledInterval / 1000.0;
        }
        return result;
    }
}
