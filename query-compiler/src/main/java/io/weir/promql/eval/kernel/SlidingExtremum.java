package io.weir.promql.eval.kernel;

/**
 * {@code min/max_over_time} and {@code ts_of_min/max_over_time} over a sliding window: a monotonic
 * deque of sample indices whose values fall from front to back (rise, for the minimum), so the
 * extreme is at the front. NaNs never enter the deque: the per-window kernels let any other value
 * replace a NaN, so a window yields NaN only when it holds nothing else.
 *
 * <p>Ties follow the per-window kernels: the value kernels keep the first of equal extremes (which
 * tells -0 from +0), the timestamp kernels report the last.
 */
final class SlidingExtremum implements SlidingWindow {
    private final boolean max;
    private final boolean lastOfTies;
    private long[] ts;
    private double[] vals;

    /** Ring buffer of indices; {@code head} and {@code tail} grow without bound, masked on use. */
    private int[] deque = new int[16];

    private int head;
    private int tail;

    /** End (exclusive) of the samples pushed so far. */
    private int to;

    SlidingExtremum(boolean max, boolean lastOfTies) {
        this.max = max;
        this.lastOfTies = lastOfTies;
    }

    @Override
    public void reset(long[] ts, double[] vals) {
        this.ts = ts;
        this.vals = vals;
        head = 0;
        tail = 0;
        to = 0;
    }

    @Override
    public double apply(int from, int to, long ws, long we, long et, double[] params) {
        if (from >= this.to) {
            head = 0;
            tail = 0;
            this.to = from;
        }
        int mask = deque.length - 1;
        while (head < tail && deque[head & mask] < from) {
            head++;
        }
        for (int i = this.to; i < to; i++) {
            push(i);
        }
        this.to = to;
        if (head == tail) {
            // Only NaNs: the value kernels return NaN, the timestamp kernels the last NaN's time.
            return lastOfTies ? ts[to - 1] / 1000.0 : Double.NaN;
        }
        int front = deque[head & (deque.length - 1)];
        return lastOfTies ? ts[front] / 1000.0 : vals[front];
    }

    private void push(int i) {
        double v = vals[i];
        if (Double.isNaN(v)) {
            return;
        }
        int mask = deque.length - 1;
        while (head < tail && dominated(vals[deque[(tail - 1) & mask]], v)) {
            tail--;
        }
        if (tail - head == deque.length) {
            grow();
            mask = deque.length - 1;
        }
        deque[tail & mask] = i;
        tail++;
    }

    /** Whether {@code back} can never again be the window's answer once {@code v} has arrived. */
    private boolean dominated(double back, double v) {
        if (max) {
            return lastOfTies ? back <= v : back < v;
        }
        return lastOfTies ? back >= v : back > v;
    }

    private void grow() {
        int[] bigger = new int[deque.length * 2];
        int mask = deque.length - 1;
        int n = tail - head;
        for (int k = 0; k < n; k++) {
            bigger[k] = deque[(head + k) & mask];
        }
        deque = bigger;
        head = 0;
        tail = n;
    }
}
