package io.weir.promql.eval.kernel;

/**
 * {@code avg} as Prometheus 3 computes it: a Kahan sum divided by the count while the sum stays
 * finite; from the value that would overflow the sum on, an incremental (Kahan-compensated) mean.
 *
 * <p>Merging two partial sums stays in sum mode while the combined sum is finite; otherwise the
 * partial means are combined, weighted by their counts. For data whose sum does not overflow the
 * result equals one pass up to rounding; with infinities or NaN it is exactly Prometheus's (NaN
 * when NaN or both infinities occur, else the infinity). Where a sum of finite values overflows,
 * the point of the switch to the mean (and so the last bits) depends on the order, as it does in
 * Prometheus.
 */
final class AvgAccumulator implements Accumulator {
    private double count;
    private double sum;
    private double mean;
    private double c;
    private boolean incremental;

    @Override
    public void add(double f) {
        count++;
        if (count == 1) {
            sum = f;
            mean = f;
            return;
        }
        if (!incremental) {
            double newSum = sum + f;
            if (!Double.isInfinite(newSum)) {
                c = KahanSum.compensation(f, sum, c);
                sum = newSum;
                return;
            }
            incremental = true;
            mean = sum / (count - 1);
            c /= count - 1;
        }
        double q = (count - 1) / count;
        double inc = f / count;
        double base = q * mean;
        c = KahanSum.compensation(inc, base, q * c);
        mean = base + inc;
    }

    @Override
    public void merge(Accumulator other) {
        AvgAccumulator o = Accumulators.same(AvgAccumulator.class, this, other);
        if (o.count == 0) {
            return;
        }
        if (count == 0) {
            count = o.count;
            sum = o.sum;
            mean = o.mean;
            c = o.c;
            incremental = o.incremental;
            return;
        }
        double n = count + o.count;
        if (!incremental && !o.incremental) {
            double newSum = sum + o.sum;
            if (!Double.isInfinite(newSum)) {
                c = KahanSum.compensation(o.sum, sum, c) + o.c;
                sum = newSum;
                count = n;
                return;
            }
        }
        double a = result() * (count / n);
        double b = o.result() * (o.count / n);
        incremental = true;
        c = KahanSum.compensation(b, a, 0);
        mean = a + b;
        count = n;
    }

    @Override
    public boolean isEmpty() {
        return count == 0;
    }

    @Override
    public double result() {
        if (incremental) {
            return mean + c;
        }
        return sum / count + c / count;
    }

    @Override
    public String toString() {
        return "avg";
    }
}
