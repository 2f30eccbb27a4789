package io.weir.promql.eval;

import io.weir.promql.ast.MatrixSelector;
import io.weir.promql.ast.VectorSelector;
import io.weir.promql.model.StaleNaN;
import java.util.List;

/** Instant and range selectors over the sample store. */
final class Selectors {
    private Selectors() {}

    /**
     * An instant selector: per step the latest sample within the lookback window {@code (ref -
     * lookback, ref]}, unless that sample is a staleness marker. With {@code timestamps} the value
     * is the sample's timestamp in seconds (what {@code timestamp(selector)} returns).
     */
    static SeriesSet instant(QueryContext ctx, VectorSelector vs, Steps steps, boolean timestamps) {
        Long at = ctx.atTime(vs.at());
        long offset = vs.offsetMillis();
        // timestamp(x @ t) looks at exactly t, as Prometheus does, ignoring the offset.
        if (timestamps && at != null) {
            offset = 0;
        }
        long lookback = ctx.options.lookbackMillis();
        int n = steps.count();
        long[] refs = new long[n];
        for (int i = 0; i < n; i++) {
            refs[i] = (at != null ? at : steps.time(i)) - offset;
        }
        long minT = n == 0 ? 0 : refs[0] - lookback + 1;
        long maxT = n == 0 ? 0 : refs[n - 1];
        List<SampleStore.StoredSeries> series = ctx.store.select(vs.matchers(), minT, maxT);
        return new SeriesSet() {
            @Override
            public int size() {
                return series.size();
            }

            @Override
            public StepSeries get(int idx) {
                SampleStore.StoredSeries s = series.get(idx);
                SampleChunk c = s.read(minT, maxT);
                long[] ts = c.timestamps();
                double[] vals = c.values();
                StepSeries out = StepSeries.empty(s.labels(), false, n);
                int j = c.from() - 1; // last sample at or before the reference time
                int points = 0;
                for (int i = 0; i < n; i++) {
                    long ref = refs[i];
                    while (j + 1 < c.to() && ts[j + 1] <= ref) {
                        j++;
                    }
                    if (j < c.from() || ts[j] <= ref - lookback || StaleNaN.isStale(vals[j])) {
                        continue;
                    }
                    out.set(i, timestamps ? ts[j] / 1000.0 : vals[j]);
                    points++;
                }
                ctx.addSamples(points);
                return out;
            }
        };
    }

    /** A range selector as the argument of a function evaluated at {@code steps}. */
    static RangeSource range(QueryContext ctx, MatrixSelector ms, Steps steps) {
        VectorSelector vs = ms.selector();
        Long at = ctx.atTime(vs.at());
        long offset = vs.offsetMillis();
        long range = ms.rangeMillis();
        long firstEnd = (at != null ? at : steps.start()) - offset;
        long lastEnd = (at != null ? at : steps.lastTime()) - offset;
        long minT = firstEnd - range + 1;
        List<SampleStore.StoredSeries> series = ctx.store.select(vs.matchers(), minT, lastEnd);
        return new RangeSource() {
            @Override
            public int size() {
                return series.size();
            }

            @Override
            public RawSeries get(int i) {
                SampleStore.StoredSeries s = series.get(i);
                SampleChunk c = s.read(minT, lastEnd);
                // Read first, then ask: a marker appended after the read is not in the chunk.
                if (s instanceof MemorySeries m && !m.mayHoldStaleMarkers()) {
                    return new RawSeries(
                            s.labels(), false, c.timestamps(), c.values(), c.from(), c.to());
                }
                return RawSeries.withoutStaleMarkers(s.labels(), c);
            }

            @Override
            public long range() {
                return range;
            }

            @Override
            public long windowEnd(int step) {
                return at != null ? lastEnd : steps.time(step) - offset;
            }
        };
    }
}
