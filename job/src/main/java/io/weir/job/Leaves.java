package io.weir.job;

import io.weir.promql.model.StaleNaN;
import io.weir.promql.plan.logical.NodeId;
import java.util.HashMap;
import java.util.Map;

/**
 * The leaf values of one series-stage timer: the selector or range function of a staged view over
 * one series at one step, with the shared kernels. Views whose leaves are the same plan node
 * (selector, function, range, offset and step) share one computation per series and step.
 */
final class Leaves {
    private final Map<Key, Double> values = new HashMap<>();
    private int evaluations;

    /** The leaf of {@code p} over {@code s} at step {@code t}; null when it has no value. */
    Double value(ViewProgram p, SeriesBuffer.Series s, long t) {
        Key key = new Key(p.leaf, t, s.labels());
        if (values.containsKey(key)) {
            return values.get(key);
        }
        long ref = t - p.offsetMillis;
        Double v = p.kernel == null ? instant(s, ref, p.reachMillis) : window(p, s, ref, t);
        values.put(key, v);
        evaluations++;
        return v;
    }

    /** A leaf's plan node at a step over a series. */
    private record Key(NodeId leaf, long step, String series) {}

    /** How many leaves were computed (not shared). */
    int evaluations() {
        return evaluations;
    }

    /**
     * The latest sample in {@code (ref - lookback, ref]}, unless it is a staleness marker; null for
     * none.
     */
    static Double instant(SeriesBuffer.Series s, long ref, long lookback) {
        long[] ts = s.rawTimes();
        int i = SeriesBuffer.upperBound(ts, s.size(), ref) - 1;
        if (i < 0 || ts[i] <= ref - lookback || StaleNaN.isStale(s.value(i))) {
            return null;
        }
        return s.value(i);
    }

    /** The range function over the window {@code (ref - range, ref]}, markers left out. */
    static Double window(ViewProgram p, SeriesBuffer.Series s, long ref, long t) {
        long start = ref - p.reachMillis;
        long[] ts = s.rawTimes();
        int from = SeriesBuffer.upperBound(ts, s.size(), start);
        int to = SeriesBuffer.upperBound(ts, s.size(), ref);
        double[] vs = s.rawValues();
        boolean stale = false;
        for (int i = from; i < to && !stale; i++) {
            stale = StaleNaN.isStale(vs[i]);
        }
        if (!stale) {
            // The common case: the kernel reads the buffer in place.
            if (to == from || to - from < p.kernel.minSamples()) {
                return null;
            }
            return p.kernel.apply(ts, vs, from, to, start, ref, t, p.params);
        }
        long[] wts = new long[to - from];
        double[] wvs = new double[to - from];
        int n = 0;
        for (int i = from; i < to; i++) {
            if (!StaleNaN.isStale(vs[i])) {
                wts[n] = ts[i];
                wvs[n] = vs[i];
                n++;
            }
        }
        if (n == 0 || n < p.kernel.minSamples()) {
            return null;
        }
        return p.kernel.apply(wts, wvs, 0, n, start, ref, t, p.params);
    }
}
