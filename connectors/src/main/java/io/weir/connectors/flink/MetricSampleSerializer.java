package io.weir.connectors.flink;

import io.weir.connectors.codec.MetricSample;
import io.weir.promql.model.Labels;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** Labels, timestamp, and the value's raw bits (a staleness marker survives). */
public final class MetricSampleSerializer extends ImmutableSerializer<MetricSample> {
    private static final long serialVersionUID = 1L;

    public static final MetricSampleSerializer INSTANCE = new MetricSampleSerializer();

    @Override
    public MetricSample createInstance() {
        return new MetricSample(Labels.EMPTY, 0, 0);
    }

    @Override
    public void serialize(MetricSample s, DataOutputView out) throws IOException {
        writeLabels(s.labels(), out);
        out.writeLong(s.timestampMillis());
        out.writeLong(Double.doubleToRawLongBits(s.value()));
    }

    @Override
    public MetricSample deserialize(DataInputView in) throws IOException {
        Labels labels = readLabels(in);
        long t = in.readLong();
        return new MetricSample(labels, t, Double.longBitsToDouble(in.readLong()));
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
