package io.weir.connectors.flink;

import io.weir.connectors.codec.MetricSample;
import io.weir.promql.model.Labels;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * Labels, timestamp, and the value's raw bits (a staleness marker survives). Samples only travel
 * between the job's operators (no state holds them), so the format may change between versions.
 */
public final class MetricSampleSerializer extends ImmutableSerializer<MetricSample> {
    private static final long serialVersionUID = 1L;

    public static final MetricSampleSerializer INSTANCE = new MetricSampleSerializer();

    @Override
    public MetricSample createInstance() {
        return new MetricSample(Labels.EMPTY, 0, 0);
    }

    @Override
    public void serialize(MetricSample s, DataOutputView out) throws IOException {
        Labels labels = s.labels();
        out.writeInt(labels.size());
        for (int i = 0; i < labels.size(); i++) {
            writeText(labels.name(i), out);
            writeText(labels.value(i), out);
        }
        out.writeLong(s.timestampMillis());
        out.writeLong(Double.doubleToRawLongBits(s.value()));
    }

    @Override
    public MetricSample deserialize(DataInputView in) throws IOException {
        int n = in.readInt();
        String[] pairs = new String[2 * n];
        for (int i = 0; i < pairs.length; i++) {
            pairs[i] = readText(in);
        }
        // Written in the label set's order: no sorting on the way in.
        Labels labels = Labels.ofSorted(pairs);
        long t = in.readLong();
        return new MetricSample(labels, t, Double.longBitsToDouble(in.readLong()));
    }

    /**
     * A string of ASCII characters (nearly every label name and value) as its length and one byte
     * per character, read back with one copy; any other as -1 and {@link StringValue}'s encoding.
     */
    private static void writeText(String s, DataOutputView out) throws IOException {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            if (s.charAt(i) >= 0x80) {
                out.writeInt(-1);
                StringValue.writeString(s, out);
                return;
            }
        }
        out.writeInt(n);
        out.write(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static String readText(DataInputView in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            return StringValue.readString(in);
        }
        byte[] b = new byte[n];
        in.readFully(b);
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    @Override
    public TypeSerializerSnapshot<MetricSample> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores the serializer from savepoints. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<MetricSample> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
