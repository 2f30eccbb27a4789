package io.weir.promql.eval.kernel;

/**
 * The sliding form of a {@link RangeKernel}: state kept while one series' window moves forward from
 * step to step, so that a step costs the samples entering and leaving the window instead of a pass
 * over the whole window. Results equal the kernel's per-window results bit for bit (NaN payloads
 * aside). An instance serves one series at a time and is not thread-safe; obtain one from {@link
 * SlidingKernels#forKernel(RangeKernel)}.
 */
public interface SlidingWindow {

    /** Starts over on a new series; the window is empty. */
    void reset(long[] ts, double[] vals);

    /**
     * The kernel's value over the samples {@code [from, to)}, as {@link RangeKernel#apply} computes
     * it. Since the last {@link #reset}, neither {@code from} nor {@code to} may decrease from one
     * call to the next; windows may be skipped.
     */
    double apply(
            int from, int to, long windowStart, long windowEnd, long evalTime, double[] params);
}
