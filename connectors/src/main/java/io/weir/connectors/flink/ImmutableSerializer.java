package io.weir.connectors.flink;

import io.weir.promql.model.Labels;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * Base of Weir's Flink serializers. Weir's records are immutable, so copies are the records
 * themselves; subclasses only write and read. Flink would otherwise fall back to Kryo for them,
 * which is slower and does not promise a stable format across versions in savepoints.
 */
abstract class ImmutableSerializer<T> extends TypeSerializerSingleton<T> {
    private static final long serialVersionUID = 1L;

    @Override
    public final boolean isImmutableType() {
        return true;
    }

    @Override
    public final T copy(T from) {
        return from;
    }

    @Override
    public final T copy(T from, T reuse) {
        return from;
    }

    @Override
    public final int getLength() {
        return -1;
    }

    @Override
    public final T deserialize(T reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public final void copy(DataInputView source, DataOutputView target) throws IOException {
        serialize(deserialize(source), target);
    }

    static void writeLabels(Labels labels, DataOutputView out) throws IOException {
        out.writeInt(labels.size());
        for (int i = 0; i < labels.size(); i++) {
            StringValue.writeString(labels.name(i), out);
            StringValue.writeString(labels.value(i), out);
        }
    }

    static Labels readLabels(DataInputView in) throws IOException {
        int n = in.readInt();
        Labels.Builder b = Labels.builder();
        for (int i = 0; i < n; i++) {
            b.set(StringValue.readString(in), StringValue.readString(in));
        }
        return b.build();
    }

    static void writeBytes(byte[] b, DataOutputView out) throws IOException {
        if (b == null) {
            out.writeInt(-1);
        } else {
            out.writeInt(b.length);
            out.write(b);
        }
    }

    static byte[] readBytes(DataInputView in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            return null;
        }
        byte[] b = new byte[n];
        in.readFully(b);
        return b;
    }
}
