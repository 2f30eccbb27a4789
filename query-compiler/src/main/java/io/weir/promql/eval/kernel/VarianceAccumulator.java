package io.weir.promql.eval.kernel;

/**
 * {@code stdvar} and {@code stddev}: the population variance by Welford's method, as Prometheus
 * computes it (no Kahan compensation here, unlike {@code stdvar_over_time}). Any NaN or infinity
 * among the values makes the result NaN. Partial results merge by Chan's pairwise formula.
 */
final class VarianceAccumulator implements Accumulator {
    private final boolean sqrt;
    private double count;
    private double mean;
    private double m2;

    VarianceAccumulator(boolean sqrt) {
        this.sqrt = sqrt;
    }

    @Override
    public void add(double f) {
        count++;
        if (count == 1) {
            mean = f;
            // Prometheus starts the sum of squares at NaN for a non-finite first value; later
            // non-finite values turn it into NaN arithmetically.
            m2 = Double.isNaN(f) || Double.isInfinite(f) ? Double.NaN : 0;
            return;
        }
        double delta = f - mean;
        mean += delta / count;
        m2 += delta * (f - mean);
    }

    @Override
    public void merge(Accumulator other) {
        VarianceAccumulator o = Accumulators.same(VarianceAccumulator.class, this, other);
        if (o.sqrt != sqrt) {
            throw new IllegalArgumentException("cannot merge " + o + " into " + this);
        }
        if (o.count == 0) {
            return;
        }
        if (count == 0) {
            count = o.count;
            mean = o.mean;
            m2 = o.m2;
            return;
        }
        double n = count + o.count;
        double delta = o.mean - mean;
        m2 = m2 + o.m2 + delta * delta * (count / n) * o.count;
        mean += delta * (o.count / n);
        count = n;
    }

    @Override
    public boolean isEmpty() {
        return count == 0;
    }

    @Override
    public double result() {
        double variance = m2 / count;
        return sqrt ? Math.sqrt(variance) : variance;
    }

    @Override
    public String toString() {
        return sqrt ? "stddev" : "stdvar";
    }
}
