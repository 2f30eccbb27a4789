package io.weir.promql.eval.kernel;

/** {@code min} or {@code max}: NaN gives way to any other value, so NaN only if all are NaN. */
final class MinMaxAccumulator implements Accumulator {
    private final boolean max;
    private boolean seen;
    private double value;

    MinMaxAccumulator(boolean max) {
        this.max = max;
    }

    @Override
    public void add(double f) {
        if (!seen) {
            seen = true;
            value = f;
        } else if (max ? value < f : value > f) {
            value = f;
        } else if (Double.isNaN(value)) {
            value = f;
        }
    }

    @Override
    public void merge(Accumulator other) {
        MinMaxAccumulator o = Accumulators.same(MinMaxAccumulator.class, this, other);
        if (o.max != max) {
            throw new IllegalArgumentException("cannot merge " + o + " into " + this);
        }
        if (o.seen) {
            add(o.value);
        }
    }

    @Override
    public boolean isEmpty() {
        return !seen;
    }

    @Override
    public double result() {
        return value;
    }

    @Override
    public String toString() {
        return max ? "max" : "min";
    }
}
