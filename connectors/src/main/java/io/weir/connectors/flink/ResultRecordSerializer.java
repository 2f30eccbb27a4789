package io.weir.connectors.flink;

import io.weir.connectors.codec.ResultKind;
import io.weir.connectors.codec.ResultRecord;
import io.weir.promql.model.Labels;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/** View, series, step, value bits, and the kind as a byte (0 final, 1 early). */
public final class ResultRecordSerializer extends ImmutableSerializer<ResultRecord> {
    private static final long serialVersionUID = 1L;

    public static final ResultRecordSerializer INSTANCE = new ResultRecordSerializer();

    @Override
    public ResultRecord createInstance() {
        return new ResultRecord("", Labels.EMPTY, 0, 0, ResultKind.FINAL);
    }

    @Override
    public void serialize(ResultRecord r, DataOutputView out) throws IOException {
        StringValue.writeString(r.view(), out);
        writeLabels(r.series(), out);
        out.writeLong(r.stepMillis());
        out.writeLong(Double.doubleToRawLongBits(r.value()));
        out.writeByte(
                switch (r.kind()) {
                    case FINAL -> 0;
                    case EARLY -> 1;
                });
    }

    @Override
    public ResultRecord deserialize(DataInputView in) throws IOException {
        String view = StringValue.readString(in);
        Labels series = readLabels(in);
        long step = in.readLong();
        double value = Double.longBitsToDouble(in.readLong());
        int kind = in.readByte();
        return new ResultRecord(
                view,
                series,
                step,
                value,
                switch (kind) {
                    case 0 -> ResultKind.FINAL;
                    case 1 -> ResultKind.EARLY;
                    default -> throw new IOException("bad result kind " + kind);
                });
    }

    @Override
    public TypeSerializerSnapshot<ResultRecord> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores the serializer from savepoints. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<ResultRecord> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
