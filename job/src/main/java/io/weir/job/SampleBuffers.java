package io.weir.job;

import io.weir.connectors.codec.SampleBatch;
import io.weir.promql.model.Labels;
import java.nio.ByteBuffer;
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
 * Recent samples of series in keyed state: encoded label set ({@link StepPoint#encode}) to the
 * series' samples, ascending times, one sample per time. The labels are stored once, in the key;
 * the value is only the samples, 16 bytes each (time, then the value's raw bits), so adding a
 * sample or evicting old ones copies bytes and decodes no label strings. The series stage keeps
 * them per series, the view stage per view on the evaluated path.
 */
final class SampleBuffers {
    private static final int SAMPLE_BYTES = 16;

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
        long[] nts = b == null ? new long[0] : times(b);
        double[] nvs = b == null ? new double[0] : values(b);
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
        long[] kts = Arrays.copyOfRange(nts, from, nts.length);
        double[] kvs = Arrays.copyOfRange(nvs, from, nvs.length);
        state.put(key, encode(kts, kvs));
        return new SampleBatch(labels, kts, kvs);
    }

    /** Every buffered series. */
    List<SampleBatch> all() throws Exception {
        List<SampleBatch> out = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : state.entries()) {
            out.add(
                    new SampleBatch(
                            StepPoint.decode(e.getKey()),
                            times(e.getValue()),
                            values(e.getValue())));
        }
        return out;
    }

    /** Drops every sample at or before {@code cutoff}. */
    void evict(long cutoff) throws Exception {
        Iterator<Map.Entry<String, byte[]>> it = state.iterator();
        List<Map.Entry<String, byte[]>> updates = new ArrayList<>();
        while (it.hasNext()) {
            Map.Entry<String, byte[]> e = it.next();
            byte[] b = e.getValue();
            int n = b.length / SAMPLE_BYTES;
            int lo = 0;
            int hi = n;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (time(b, mid) <= cutoff) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            if (lo == n) {
                it.remove();
            } else if (lo > 0) {
                updates.add(
                        Map.entry(e.getKey(), Arrays.copyOfRange(b, lo * SAMPLE_BYTES, b.length)));
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
        return SeriesBuffer.upperBound(ts, ts.length, t);
    }

    private static byte[] encode(long[] ts, double[] vs) {
        ByteBuffer buf = ByteBuffer.allocate(ts.length * SAMPLE_BYTES);
        for (int i = 0; i < ts.length; i++) {
            buf.putLong(ts[i]);
            buf.putLong(Double.doubleToRawLongBits(vs[i]));
        }
        return buf.array();
    }

    private static long time(byte[] b, int i) {
        return ByteBuffer.wrap(b).getLong(i * SAMPLE_BYTES);
    }

    private static long[] times(byte[] b) {
        ByteBuffer buf = ByteBuffer.wrap(b);
        long[] out = new long[b.length / SAMPLE_BYTES];
        for (int i = 0; i < out.length; i++) {
            out[i] = buf.getLong(i * SAMPLE_BYTES);
        }
        return out;
    }

    private static double[] values(byte[] b) {
        ByteBuffer buf = ByteBuffer.wrap(b);
        double[] out = new double[b.length / SAMPLE_BYTES];
        for (int i = 0; i < out.length; i++) {
            out[i] = Double.longBitsToDouble(buf.getLong(i * SAMPLE_BYTES + 8));
        }
        return out;
    }
}
