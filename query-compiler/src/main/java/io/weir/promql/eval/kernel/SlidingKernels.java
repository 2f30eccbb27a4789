package io.weir.promql.eval.kernel;

/**
 * Sliding forms of the range kernels whose per-step cost grows with the window: the extremes and
 * their timestamps (a monotonic deque) and {@code quantile_over_time} (a sorted window). Sums,
 * means and variances stay per window: removing a value from a compensated sum would not give the
 * bits of summing the window afresh. Short passes ({@code rate}'s reset scan) are left as they are.
 */
public final class SlidingKernels {
    private SlidingKernels() {}

    /**
     * A fresh sliding window computing what {@code kernel} computes, or null when the kernel has no
     * sliding form (the caller applies the kernel to each window).
     */
    public static SlidingWindow forKernel(RangeKernel kernel) {
        if (kernel instanceof RateKernel r) {
            return r.isCounter() ? new SlidingRate(r) : null;
        }
        if (!(kernel instanceof OverTimeKernel k)) {
            return null;
        }
        switch (k) {
            case MIN:
                return new SlidingExtremum(false, false);
            case MAX:
                return new SlidingExtremum(true, false);
            case TS_OF_MIN:
                return new SlidingExtremum(false, true);
            case TS_OF_MAX:
                return new SlidingExtremum(true, true);
            case QUANTILE:
                return new SlidingQuantile();
            case AVG:
            case SUM:
            case COUNT:
            case LAST:
            case FIRST:
            case PRESENT:
            case STDDEV:
            case STDVAR:
            case TS_OF_FIRST:
            case TS_OF_LAST:
            case MAD:
            case RESETS:
            case CHANGES:
                return null;
        }
        throw new IllegalStateException("unknown kernel " + k);
    }
}
