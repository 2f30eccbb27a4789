package io.weir.promql.eval.kernel;

/** {@code sum}: a Kahan sum; partial sums merge by adding sum and compensation. */
final class SumAccumulator implements Accumulator {
    private double count;
    private double sum;
    private double c;

    @Override
    public void add(double value) {
        if (count == 0) {
            sum = value;
        } else {
            c = KahanSum.compensation(value, sum, c);
            sum += value;
        }
        count++;
    }

    @Override
    public void merge(Accumulator other) {
        SumAccumulator o = Accumulators.same(SumAccumulator.class, this, other);
        if (o.count == 0) {
            return;
        }
        if (count == 0) {
            sum = o.sum;
            c = o.c;
        } else {
            c = KahanSum.compensation(o.sum, sum, c) + o.c;
            sum += o.sum;
        }
        count += o.count;
    }

    @Override
    public boolean isEmpty() {
        return count == 0;
    }

    @Override
    public double result() {
        return sum + c;
    }

    @Override
    public String toString() {
        return "sum";
    }
}
