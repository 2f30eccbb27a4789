package io.weir.promql.eval;

import io.weir.promql.eval.kernel.RangeKernel;
import io.weir.promql.eval.kernel.SlidingKernels;
import io.weir.promql.eval.kernel.SlidingWindow;
import io.weir.promql.model.Labels;
import java.util.ArrayList;
import java.util.List;

/**
 * Range functions ({@code rate}, {@code *_over_time}, ...) over a {@link RangeSource}: per series,
 * two indices slide along the sample arrays as the window moves from step to step, so a range query
 * reads every sample a bounded number of times and allocates nothing per sample. Since the indices
 * only move forward, kernels with a sliding form ({@link SlidingKernels}) keep their state from one
 * step to the next instead of passing over each window afresh.
 */
final class RangeFunctions {
    /**
     * Set to {@code false} to apply every kernel per window, as a benchmark's baseline; read once
     * per range function evaluation.
     */
    static final String SLIDING_PROPERTY = "weir.eval.sliding";

    private RangeFunctions() {}

    /** Observes the arguments of every window that holds samples (for annotations). */
    interface WindowCheck {
        void check(double[] params);
    }

    /** Observes each series once computed: its raw input and how many points it produced. */
    interface SeriesCheck {
        void check(RawSeries raw, int points);
    }

    /**
     * Applies {@code kernel} to every series of {@code src} at every step.
     *
     * @param params the scalar arguments per step, in argument order
     * @param dropName whether the function removes the metric name (all but first/last_over_time)
     */
    static SeriesSet apply(
            QueryContext ctx,
            RangeKernel kernel,
            RangeSource src,
            double[][] params,
            Steps steps,
            boolean dropName) {
        return apply(ctx, kernel, src, params, steps, dropName, null, null);
    }

    static SeriesSet apply(
            QueryContext ctx,
            RangeKernel kernel,
            RangeSource src,
            double[][] params,
            Steps steps,
            boolean dropName,
            WindowCheck windowCheck,
            SeriesCheck seriesCheck) {
        int n = steps.count();
        long range = src.range();
        int minSamples = Math.max(1, kernel.minSamples());
        boolean sliding = !"false".equals(System.getProperty(SLIDING_PROPERTY));
        return new SeriesSet() {
            @Override
            public int size() {
                return src.size();
            }

            @Override
            public StepSeries get(int idx) {
                RawSeries raw = src.get(idx);
                if (raw == null || raw.size() == 0) {
                    return null;
                }
                StepSeries out = StepSeries.empty(raw.labels, dropName || raw.dropName, n);
                long[] ts = raw.ts;
                double[] vals = raw.vals;
                double[] p = new double[params.length];
                SlidingWindow window = sliding ? SlidingKernels.forKernel(kernel) : null;
                if (window != null) {
                    window.reset(ts, vals);
                }
                int lo = raw.from;
                int hi = raw.from;
                int points = 0;
                for (int step = 0; step < n; step++) {
                    long end = src.windowEnd(step);
                    long start = end - range;
                    hi = advance(ts, hi, raw.to, end);
                    lo = advance(ts, lo, hi, start);
                    if (hi == lo) {
                        continue;
                    }
                    for (int j = 0; j < params.length; j++) {
                        p[j] = params[j][step];
                    }
                    // Prometheus rejects bad arguments wherever a window has samples, even
                    // too few to compute a value.
                    kernel.checkParams(p);
                    if (windowCheck != null) {
                        windowCheck.check(p);
                    }
                    if (hi - lo < minSamples) {
                        continue;
                    }
                    long t = steps.time(step);
                    out.set(
                            step,
                            window != null
                                    ? window.apply(lo, hi, start, end, t, p)
                                    : kernel.apply(ts, vals, lo, hi, start, end, t, p));
                    points++;
                }
                ctx.addSamples(points);
                if (seriesCheck != null) {
                    seriesCheck.check(raw, points);
                }
                return out;
            }
        };
    }

    /**
     * The first index in {@code [i, limit)} whose time is after {@code t}; gallops from {@code i}
     * so that both small and large moves are cheap.
     */
    static int advance(long[] ts, int i, int limit, long t) {
        // Windows usually move by a few samples per step: scan those, gallop beyond.
        int stop = Math.min(limit, i + 8);
        while (i < stop) {
            if (ts[i] > t) {
                return i;
            }
            i++;
        }
        if (i >= limit || ts[i] > t) {
            return i;
        }
        int bound = 1;
        while (i + bound < limit && ts[i + bound] <= t) {
            bound <<= 1;
        }
        int lo = i + (bound >> 1);
        int hi = Math.min(limit, i + bound);
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (ts[mid] <= t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * {@code absent_over_time}: one series with the value 1 at the steps where no series of the
     * source has a sample in its window.
     */
    static SeriesSet absentOverTime(QueryContext ctx, RangeSource src, Steps steps, Labels labels) {
        int n = steps.count();
        long range = src.range();
        List<boolean[]> parts =
                ctx.parallel.mapChunks(
                        src.size(),
                        (from, to) -> {
                            boolean[] found = new boolean[n];
                            for (int i = from; i < to; i++) {
                                RawSeries raw = src.get(i);
                                if (raw == null) {
                                    continue;
                                }
                                int lo = raw.from;
                                int hi = raw.from;
                                for (int step = 0; step < n; step++) {
                                    long end = src.windowEnd(step);
                                    hi = advance(raw.ts, hi, raw.to, end);
                                    lo = advance(raw.ts, lo, hi, end - range);
                                    if (hi > lo) {
                                        found[step] = true;
                                    }
                                }
                            }
                            return found;
                        });
        StepSeries out = StepSeries.empty(labels, true, n);
        for (int step = 0; step < n; step++) {
            boolean any = false;
            for (boolean[] f : parts) {
                any |= f[step];
            }
            if (!any) {
                out.set(step, 1);
            }
        }
        List<StepSeries> list = new ArrayList<>();
        if (!out.isEmpty()) {
            list.add(out);
        }
        return SeriesSet.of(list);
    }
}
