package io.weir.connectors.flink;

import io.weir.connectors.kafka.Ingested;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** A tag byte (0 sample, 1 dead letter), then the sample or the dead letter. */
public final class IngestedSerializer extends ImmutableSerializer<Ingested> {
    private static final long serialVersionUID = 1L;

    public static final IngestedSerializer INSTANCE = new IngestedSerializer();

    private static final int SAMPLE = 0;
    private static final int REJECTED = 1;

    @Override
    public Ingested createInstance() {
        return new Ingested.Sample(MetricSampleSerializer.INSTANCE.createInstance());
    }

    @Override
    public void serialize(Ingested e, DataOutputView out) throws IOException {
        // Java 17 has no pattern switch; Ingested has exactly these two kinds.
        if (e instanceof Ingested.Sample s) {
            out.writeByte(SAMPLE);
            MetricSampleSerializer.INSTANCE.serialize(s.sample(), out);
        } else if (e instanceof Ingested.Rejected r) {
            out.writeByte(REJECTED);
            DeadLetterSerializer.INSTANCE.serialize(r.letter(), out);
        }
    }

    @Override
    public Ingested deserialize(DataInputView in) throws IOException {
        int tag = in.readByte();
        return switch (tag) {
            case SAMPLE -> new Ingested.Sample(MetricSampleSerializer.INSTANCE.deserialize(in));
            case REJECTED -> new Ingested.Rejected(DeadLetterSerializer.INSTANCE.deserialize(in));
            default -> throw new IOException("bad Ingested tag " + tag);
        };
    }

    @Override
    public TypeSerializerSnapshot<Ingested> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores the serializer from savepoints. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<Ingested> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
