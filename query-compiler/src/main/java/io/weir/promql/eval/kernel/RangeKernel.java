package io.weir.promql.eval.kernel;

/**
 * A function of one series' float samples in a range window: {@code rate}, the {@code *_over_time}
 * family, {@code deriv}, and the rest. The evaluator and the streaming job share these, so their
 * results cannot drift apart. Implementations are stateless and thread-safe.
 */
public interface RangeKernel {

    /**
     * The fewest samples a window needs to produce an output; a window with fewer produces no
     * sample at that step (for example 2 for {@code rate}, 1 for {@code max_over_time}).
     */
    int minSamples();

    /**
     * Computes the function over the samples {@code [from, to)} of {@code ts}/{@code vals}.
     *
     * @param ts sample timestamps in milliseconds, ascending
     * @param vals sample values; staleness markers are already removed
     * @param from first sample of the window (inclusive)
     * @param to end of the window (exclusive); {@code to - from >= minSamples()}
     * @param windowStart the window's start in ms, exclusive (evaluation time - offset - range)
     * @param windowEnd the window's end in ms, inclusive (evaluation time - offset)
     * @param evalTime the evaluation timestamp in ms (Prometheus's {@code enh.Ts})
     * @param params the scalar arguments at this step in argument order, range vector excluded
     *     (quantile's q, predict_linear's t, smoothing and trend factors); empty when none
     * @return the value; never "absent" (absence is decided by {@link #minSamples()})
     */
    double apply(
            long[] ts,
            double[] vals,
            int from,
            int to,
            long windowStart,
            long windowEnd,
            long evalTime,
            double[] params);

    /**
     * Validates the scalar arguments of one step. The evaluator calls it for every window that
     * holds at least one sample, before checking {@link #minSamples()}: Prometheus rejects some
     * arguments (the factors of {@code double_exponential_smoothing}) even where the window is too
     * short to produce a value. Most kernels accept any arguments.
     *
     * @throws io.weir.promql.PromqlException (EXECUTION) when an argument is invalid
     */
    default void checkParams(double[] params) {}
}
