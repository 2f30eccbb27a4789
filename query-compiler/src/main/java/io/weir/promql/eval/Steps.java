package io.weir.promql.eval;

/**
 * The evaluation times of one (sub)query: {@code start, start + interval, ... <= end}. An instant
 * query is the grid with one step.
 */
record Steps(long start, long end, long interval) {
    private static final long MAX_STEPS = 50_000_000L;

    Steps {
        if (interval <= 0) {
            throw new IllegalArgumentException("interval must be positive");
        }
    }

    static Steps instant(long t) {
        return new Steps(t, t, 1);
    }

    int count() {
        if (end < start) {
            return 0;
        }
        long n = (end - start) / interval + 1;
        if (n > MAX_STEPS) {
            // No series of that many points fits in memory; report it as the sample limit.
            throw QueryContext.tooManySamples();
        }
        return (int) n;
    }

    long time(int i) {
        return start + i * interval;
    }

    /** The last step time (end aligned down to the grid). */
    long lastTime() {
        return start + (count() - 1L) * interval;
    }
}
