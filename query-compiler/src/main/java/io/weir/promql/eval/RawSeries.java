package io.weir.promql.eval;

import io.weir.promql.model.Labels;
import io.weir.promql.model.StaleNaN;

/**
 * Samples of one series feeding a range function: {@code [from, to)} of parallel arrays, ascending
 * by time, staleness markers removed.
 */
final class RawSeries {
    final Labels labels;
    final boolean dropName;
    final long[] ts;
    final double[] vals;
    final int from;
    final int to;

    RawSeries(Labels labels, boolean dropName, long[] ts, double[] vals, int from, int to) {
        this.labels = labels;
        this.dropName = dropName;
        this.ts = ts;
        this.vals = vals;
        this.from = from;
        this.to = to;
    }

    /** The chunk without staleness markers; copies only when there are markers. */
    static RawSeries withoutStaleMarkers(Labels labels, SampleChunk c) {
        long[] ts = c.timestamps();
        double[] vals = c.values();
        int stale = 0;
        for (int i = c.from(); i < c.to(); i++) {
            if (StaleNaN.isStale(vals[i])) {
                stale++;
            }
        }
        if (stale == 0) {
            return new RawSeries(labels, false, ts, vals, c.from(), c.to());
        }
        int n = c.size() - stale;
        long[] nts = new long[n];
        double[] nvals = new double[n];
        int k = 0;
        for (int i = c.from(); i < c.to(); i++) {
            if (!StaleNaN.isStale(vals[i])) {
                nts[k] = ts[i];
                nvals[k] = vals[i];
                k++;
            }
        }
        return new RawSeries(labels, false, nts, nvals, 0, n);
    }

    /** The points of a computed series at the times of its grid. */
    static RawSeries fromSteps(StepSeries s, Steps steps) {
        int n = s.count();
        long[] ts = new long[n];
        double[] vals = new double[n];
        int k = 0;
        for (int i = 0; i < s.present.length; i++) {
            if (s.present[i]) {
                ts[k] = steps.time(i);
                vals[k] = s.values[i];
                k++;
            }
        }
        return new RawSeries(s.labels, s.dropName, ts, vals, 0, n);
    }

    int size() {
        return to - from;
    }
}
