package io.weir.promql.eval.kernel;

import java.util.Arrays;

/** {@code quantile(q, ...)}: keeps every value; merging concatenates. */
final class QuantileAccumulator implements Accumulator {
    private final double q;
    private double[] values = new double[8];
    private int n;

    QuantileAccumulator(double q) {
        this.q = q;
    }

    @Override
    public void add(double value) {
        if (n == values.length) {
            values = Arrays.copyOf(values, n * 2);
        }
        values[n++] = value;
    }

    @Override
    public void merge(Accumulator other) {
        QuantileAccumulator o = Accumulators.same(QuantileAccumulator.class, this, other);
        if (Double.compare(o.q, q) != 0) {
            throw new IllegalArgumentException("cannot merge " + o + " into " + this);
        }
        if (n + o.n > values.length) {
            values = Arrays.copyOf(values, Math.max(n + o.n, n * 2));
        }
        System.arraycopy(o.values, 0, values, n, o.n);
        n += o.n;
    }

    @Override
    public boolean isEmpty() {
        return n == 0;
    }

    /** Sorts the kept values in place; adding and merging may go on afterwards. */
    @Override
    public double result() {
        return Quantiles.quantile(q, values, n);
    }

    @Override
    public String toString() {
        return "quantile(" + q + ")";
    }
}
