package io.weir.server.http;

import io.weir.connectors.codec.SampleBatch;
import io.weir.promql.model.Labels;
import io.weir.server.api.TimeOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The samples of one import, cut into {@code weir.metrics} batches in time order.
 *
 * <p>The job's watermark follows the newest sample time of each Kafka partition, less a bounded
 * out-of-orderness (seconds). A file written series by series (all of series A, then all of B, as
 * promtool's dumps and backfill files are) sent as one batch per series would carry minutes of one
 * series before the next: the watermark would pass B's samples before they arrive and the job would
 * drop them as late. So the samples are sorted by time (stably: a series' samples of one time stay
 * in file order) and cut into windows of {@link #SPAN_MILLIS}; each window gives one batch per
 * series (split at {@code maxSamples}), in the order the series first appear in it. Windows follow
 * each other in time, so a sample is never more than one window older than one sent before it.
 */
final class TimeOrderedBatches {
    /** The time one batch spans at most: the out-of-orderness an import adds. */
    static final long SPAN_MILLIS = 1000;

    private final Map<Labels, Integer> ids = new HashMap<>();
    private final List<Labels> series = new ArrayList<>();
    private int[] seriesIds = new int[64];
    private long[] times = new long[64];
    private double[] values = new double[64];
    private int size;

    void add(Labels labels, long t, double v) {
        Integer id = ids.get(labels);
        if (id == null) {
            id = series.size();
            series.add(labels);
            ids.put(labels, id);
        }
        if (size == times.length) {
            seriesIds = Arrays.copyOf(seriesIds, size * 2);
            times = Arrays.copyOf(times, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        seriesIds[size] = id;
        times[size] = t;
        values[size] = v;
        size++;
    }

    int size() {
        return size;
    }

    /** The batches in the order they are to be sent. */
    List<SampleBatch> batches(int maxSamples) {
        int[] order = TimeOrder.stableOrder(times, size);
        List<SampleBatch> out = new ArrayList<>();
        Map<Integer, List<Integer>> window = new LinkedHashMap<>();
        int i = 0;
        while (i < size) {
            long w = Math.floorDiv(times[order[i]], SPAN_MILLIS);
            window.clear();
            for (; i < size && Math.floorDiv(times[order[i]], SPAN_MILLIS) == w; i++) {
                window.computeIfAbsent(seriesIds[order[i]], k -> new ArrayList<>()).add(order[i]);
            }
            for (Map.Entry<Integer, List<Integer>> e : window.entrySet()) {
                List<Integer> samples = e.getValue();
                for (int from = 0; from < samples.size(); from += maxSamples) {
                    int n = Math.min(maxSamples, samples.size() - from);
                    long[] t = new long[n];
                    double[] v = new double[n];
                    for (int k = 0; k < n; k++) {
                        int s = samples.get(from + k);
                        t[k] = times[s];
                        v[k] = values[s];
                    }
                    out.add(new SampleBatch(series.get(e.getKey()), t, v));
                }
            }
        }
        return out;
    }
}
