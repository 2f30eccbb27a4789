package io.weir.connectors.flink;

import io.weir.connectors.dlq.DeadLetter;
import io.weir.connectors.dlq.DlqReason;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/** All fields of a dead letter; the reason by its code, so reordering the enum is harmless. */
public final class DeadLetterSerializer extends ImmutableSerializer<DeadLetter> {
    private static final long serialVersionUID = 1L;

    public static final DeadLetterSerializer INSTANCE = new DeadLetterSerializer();

    @Override
    public DeadLetter createInstance() {
        return new DeadLetter(DlqReason.UNDECODABLE, "", "", -1, -1, 0, null, null);
    }

    @Override
    public void serialize(DeadLetter d, DataOutputView out) throws IOException {
        StringValue.writeString(d.reason().code(), out);
        StringValue.writeString(d.message(), out);
        StringValue.writeString(d.topic(), out);
        out.writeInt(d.partition());
        out.writeLong(d.offset());
        out.writeLong(d.timestamp());
        writeBytes(d.key(), out);
        writeBytes(d.value(), out);
    }

    @Override
    public DeadLetter deserialize(DataInputView in) throws IOException {
        String code = StringValue.readString(in);
        DlqReason reason = DlqReason.fromCode(code);
        if (reason == null) {
            throw new IOException("unknown dead-letter reason " + code);
        }
        return new DeadLetter(
                reason,
                StringValue.readString(in),
                StringValue.readString(in),
                in.readInt(),
                in.readLong(),
                in.readLong(),
                readBytes(in),
                readBytes(in));
    }

    @Override
    public TypeSerializerSnapshot<DeadLetter> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores the serializer from savepoints. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<DeadLetter> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
