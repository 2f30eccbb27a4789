package io.weir.promql.eval.kernel;

/**
 * {@code rate} and {@code increase} over a sliding window: the positions of counter resets (a value
 * below its predecessor) are found once, as samples enter the window, and kept in a queue until
 * they leave it, so a step adds back only the window's resets instead of comparing every pair of
 * its samples. The resets are added in the same order as {@link RateKernel} adds them, so the sum
 * has the same bits.
 */
final class SlidingRate implements SlidingWindow {
    private final RateKernel kernel;
    private long[] ts;
    private double[] vals;

    /** Ring buffer of reset positions i (vals[i] < vals[i - 1]), ascending. */
    private int[] resets = new int[16];

    private int head;
    private int tail;

    /** End (exclusive) of the samples examined so far. */
    private int to;

    SlidingRate(RateKernel kernel) {
        this.kernel = kernel;
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
        int mask = resets.length - 1;
        // A reset at i pairs samples i - 1 and i: it counts while i - 1 is in the window.
        while (head < tail && resets[head & mask] <= from) {
            head++;
        }
        for (int i = Math.max(this.to, from + 1); i < to; i++) {
            if (vals[i] < vals[i - 1]) {
                push(i);
            }
        }
        this.to = to;
        double result = vals[to - 1] - vals[from];
        mask = resets.length - 1;
        for (int k = head; k < tail; k++) {
            result += vals[resets[k & mask] - 1];
        }
        return kernel.extrapolate(ts, vals, from, to, ws, we, result);
    }

    private void push(int i) {
        if (tail - head == resets.length) {
            int[] bigger = new int[resets.length * 2];
            int mask = resets.length - 1;
            int n = tail - head;
            for (int k = 0; k < n; k++) {
                bigger[k] = resets[(head + k) & mask];
            }
            resets = bigger;
            head = 0;
            tail = n;
        }
        resets[tail & (resets.length - 1)] = i;
        tail++;
    }
}
