package io.weir.promql.eval.kernel;

import java.util.Map;
import java.util.Set;

/**
 * The kernels of the range-vector functions by PromQL function name. {@code absent_over_time} is
 * not among them: whether a window is empty is the evaluator's business, not a kernel's.
 */
public final class RangeKernels {
    private static final Map<String, RangeKernel> KERNELS =
            Map.ofEntries(
                    Map.entry("rate", RateKernel.RATE),
                    Map.entry("increase", RateKernel.INCREASE),
                    Map.entry("delta", RateKernel.DELTA),
                    Map.entry("irate", InstantRateKernel.IRATE),
                    Map.entry("idelta", InstantRateKernel.IDELTA),
                    Map.entry("deriv", RegressionKernel.DERIV),
                    Map.entry("predict_linear", RegressionKernel.PREDICT_LINEAR),
                    Map.entry("resets", OverTimeKernel.RESETS),
                    Map.entry("changes", OverTimeKernel.CHANGES),
                    Map.entry("avg_over_time", OverTimeKernel.AVG),
                    Map.entry("min_over_time", OverTimeKernel.MIN),
                    Map.entry("max_over_time", OverTimeKernel.MAX),
                    Map.entry("sum_over_time", OverTimeKernel.SUM),
                    Map.entry("count_over_time", OverTimeKernel.COUNT),
                    Map.entry("last_over_time", OverTimeKernel.LAST),
                    Map.entry("first_over_time", OverTimeKernel.FIRST),
                    Map.entry("present_over_time", OverTimeKernel.PRESENT),
                    Map.entry("quantile_over_time", OverTimeKernel.QUANTILE),
                    Map.entry("stddev_over_time", OverTimeKernel.STDDEV),
                    Map.entry("stdvar_over_time", OverTimeKernel.STDVAR),
                    Map.entry("mad_over_time", OverTimeKernel.MAD),
                    Map.entry("ts_of_min_over_time", OverTimeKernel.TS_OF_MIN),
                    Map.entry("ts_of_max_over_time", OverTimeKernel.TS_OF_MAX),
                    Map.entry("ts_of_first_over_time", OverTimeKernel.TS_OF_FIRST),
                    Map.entry("ts_of_last_over_time", OverTimeKernel.TS_OF_LAST),
                    Map.entry("double_exponential_smoothing", DoubleExponentialSmoothing.INSTANCE));

    private RangeKernels() {}

    /** The kernel of a range-vector function, or null when no kernel handles {@code name}. */
    public static RangeKernel forFunction(String name) {
        return KERNELS.get(name);
    }

    /** Every function name that has a kernel. */
    public static Set<String> names() {
        return KERNELS.keySet();
    }
}
