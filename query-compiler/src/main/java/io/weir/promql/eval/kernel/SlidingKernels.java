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
        return switch (k) {
            case MIN -> new SlidingExtremum(false, false);
            case MAX -> new SlidingExtremum(true, false);
            case TS_OF_MIN -> new SlidingExtremum(false, true);
            case TS_OF_MAX -> new SlidingExtremum(true, true);
            case QUANTILE -> new SlidingQuantile();
            case AVG,
                    SUM,
                    COUNT,
                    LAST,
                    FIRST,
                    PRESENT,
                    STDDEV,
                    STDVAR,
                    TS_OF_FIRST,
                    TS_OF_LAST,
                    MAD,
                    RESETS,
                    CHANGES ->
                    null;
        };
    }
}
