package io.weir.promql.eval;

import java.util.List;

/**
 * The result of an instant-vector expression: series computed on demand, one at a time, so that
 * per-series work runs in parallel and a chain of per-series operators never holds more than the
 * series in flight. {@link #get} may be called concurrently for different indices.
 */
interface SeriesSet {
    /** The number of candidate series; some may turn out to have no points. */
    int size();

    /** Computes series {@code i}; null or a series without points when it has none. */
    StepSeries get(int i);

    static SeriesSet of(List<StepSeries> list) {
        return new SeriesSet() {
            @Override
            public int size() {
                return list.size();
            }

            @Override
            public StepSeries get(int i) {
                return list.get(i);
            }
        };
    }
}
