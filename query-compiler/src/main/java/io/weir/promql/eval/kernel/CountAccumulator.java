package io.weir.promql.eval.kernel;

/** {@code count}, or {@code group} (always 1). */
final class CountAccumulator implements Accumulator {
    private final boolean group;
    private double count;

    CountAccumulator(boolean group) {
        this.group = group;
    }

    @Override
    public void add(double value) {
        count++;
    }

    @Override
    public void merge(Accumulator other) {
        CountAccumulator o = Accumulators.same(CountAccumulator.class, this, other);
        if (o.group != group) {
            throw new IllegalArgumentException("cannot merge " + o + " into " + this);
        }
        count += o.count;
    }

    @Override
    public boolean isEmpty() {
        return count == 0;
    }

    @Override
    public double result() {
        return group ? 1 : count;
    }

    @Override
    public String toString() {
        return group ? "group" : "count";
    }
}
