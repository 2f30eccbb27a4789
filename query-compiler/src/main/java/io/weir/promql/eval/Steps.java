package io.weir.promql.eval;

/**
 * The evaluation times of one (sub)query: {@code start, start + interval, ... <= end}. An instant
 * query is the grid with one step.
 */
record Steps(long start, long end, long interval) {
    Steps {
        if (interval <= 0) {
            throw new IllegalArgumentException("interval must be positive");
        }
    }

    static Steps instant(long t) {
        return new Steps(t, t, 1);
    }

    int count() {
        return end < start ? 0 : (int) ((end - start) / interval) + 1;
    }

    long time(int i) {
        return start + i * interval;
    }

    /** The last step time (end aligned down to the grid). */
    long lastTime() {
        return start + (count() - 1L) * interval;
    }
}
