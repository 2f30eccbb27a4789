package io.weir.job;

import io.weir.connectors.codec.CorruptRecordException;
import io.weir.connectors.codec.MetricBatchCodec;
import io.weir.connectors.codec.SampleBatch;
import io.weir.promql.model.Labels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * Recent samples of series in keyed state: encoded label set to the series' samples (a binary
 * batch, ascending times, one sample per time). The series stage keeps them per series, the view
 * stage per view on the evaluated path.
 */
final class SampleBuffers {
    private final MapState<String, byte[]> state;

    SampleBuffers(MapState<String, byte[]> state) {
        this.state = state;
    }

    static MapStateDescriptor<String, byte[]> descriptor(String name) {
        return new MapStateDescriptor<>(
                name, Types.STRING, PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO);
    }

    /**
     * Adds samples in time order (a second sample at the same time replaces the first) and drops
     * the series' samples at or before {@code cutoff}.
     *
     * @return the series' buffered samples, or null when none are left
     */
    SampleBatch insert(Labels labels, long[] ts, double[] vs, long cutoff) throws Exception {
        String key = StepPoint.encode(labels);
        byte[] b = state.get(key);
        long[] nts = b == null ? new long[0] : null;
        double[] nvs = b == null ? new double[0] : null;
        if (b != null) {
            SampleBatch old = decode(b);
            nts = old.timestamps();
            nvs = old.values();
        }
        for (int k = 0; k < ts.length; k++) {
            int i = Arrays.binarySearch(nts, ts[k]);
            if (i >= 0) {
                nvs = nvs.clone();
                nvs[i] = vs[k];
                continue;
            }
            int at = -i - 1;
            long[] uts = new long[nts.length + 1];
            double[] uvs = new double[nts.length + 1];
            System.arraycopy(nts, 0, uts, 0, at);
            System.arraycopy(nvs, 0, uvs, 0, at);
            uts[at] = ts[k];
            uvs[at] = vs[k];
            System.arraycopy(nts, at, uts, at + 1, nts.length - at);
            System.arraycopy(nvs, at, uvs, at + 1, nts.length - at);
            nts = uts;
            nvs = uvs;
        }
        int from = upperBound(nts, cutoff);
        if (from == nts.length) {
            state.remove(key);
            return null;
        }
        SampleBatch now =
                new SampleBatch(
                        labels,
                        Arrays.copyOfRange(nts, from, nts.length),
                        Arrays.copyOfRange(nvs, from, nvs.length));
        state.put(key, MetricBatchCodec.encodeValue(now));
        return now;
    }

    /** Every buffered series. */
    List<SampleBatch> all() throws Exception {
        List<SampleBatch> out = new ArrayList<>();
        for (byte[] b : state.values()) {
            out.add(decode(b));
        }
        return out;
    }

    /** Drops every sample at or before {@code cutoff}. */
    void evict(long cutoff) throws Exception {
        Iterator<Map.Entry<String, byte[]>> it = state.iterator();
        List<Map.Entry<String, byte[]>> updates = new ArrayList<>();
        while (it.hasNext()) {
            Map.Entry<String, byte[]> e = it.next();
            SampleBatch s = decode(e.getValue());
            int from = upperBound(s.timestamps(), cutoff);
            if (from == s.size()) {
                it.remove();
            } else if (from > 0) {
                updates.add(
                        Map.entry(
                                e.getKey(),
                                MetricBatchCodec.encodeValue(
                                        new SampleBatch(
                                                s.labels(),
                                                Arrays.copyOfRange(s.timestamps(), from, s.size()),
                                                Arrays.copyOfRange(s.values(), from, s.size())))));
            }
        }
        for (Map.Entry<String, byte[]> u : updates) {
            state.put(u.getKey(), u.getValue());
        }
    }

    void clear() {
        state.clear();
    }

    /** The first index whose time is after {@code t}. */
    static int upperBound(long[] ts, long t) {
        int lo = 0;
        int hi = ts.length;
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

    static SampleBatch decode(byte[] b) {
        try {
            return MetricBatchCodec.decodeValue(b);
        } catch (CorruptRecordException e) {
            throw new IllegalStateException("corrupt series buffer in state", e);
        }
    }
}
