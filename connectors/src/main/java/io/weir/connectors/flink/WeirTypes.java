package io.weir.connectors.flink;

import io.weir.connectors.codec.MetricSample;
import io.weir.connectors.codec.ResultRecord;
import io.weir.connectors.dlq.DeadLetter;
import io.weir.connectors.kafka.Ingested;
import java.util.Objects;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/**
 * Flink type information for Weir's stream records, with the serializers of this package; use them
 * in {@code returns(...)}, state descriptors and output tags.
 */
public final class WeirTypes {
    public static final TypeInformation<MetricSample> METRIC_SAMPLE =
            new Info<>(MetricSample.class, MetricSampleSerializer.INSTANCE);
    public static final TypeInformation<DeadLetter> DEAD_LETTER =
            new Info<>(DeadLetter.class, DeadLetterSerializer.INSTANCE);
    public static final TypeInformation<Ingested> INGESTED =
            new Info<>(Ingested.class, IngestedSerializer.INSTANCE);
    public static final TypeInformation<ResultRecord> RESULT_RECORD =
            new Info<>(ResultRecord.class, ResultRecordSerializer.INSTANCE);

    private WeirTypes() {}

    /** The type of {@code type}, an atomic one (not a key-able composite) with one serializer. */
    public static <T> TypeInformation<T> atomic(Class<T> type, TypeSerializer<T> serializer) {
        return new Info<>(type, serializer);
    }

    /** An atomic (not a key-able composite) type with one serializer. */
    private static final class Info<T> extends TypeInformation<T> {
        private static final long serialVersionUID = 1L;

        private final Class<T> type;
        private final TypeSerializer<T> serializer;

        Info(Class<T> type, TypeSerializer<T> serializer) {
            this.type = type;
            this.serializer = serializer;
        }

        @Override
        public boolean isBasicType() {
            return false;
        }

        @Override
        public boolean isTupleType() {
            return false;
        }

        @Override
        public int getArity() {
            return 1;
        }

        @Override
        public int getTotalFields() {
            return 1;
        }

        @Override
        public Class<T> getTypeClass() {
            return type;
        }

        @Override
        public boolean isKeyType() {
            return false;
        }

        @Override
        public TypeSerializer<T> createSerializer(SerializerConfig config) {
            return serializer;
        }

        @Override
        public String toString() {
            return "WeirType<" + type.getSimpleName() + ">";
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Info<?> i && i.type.equals(type);
        }

        @Override
        public int hashCode() {
            return Objects.hash(type);
        }

        @Override
        public boolean canEqual(Object o) {
            return o instanceof Info<?>;
        }
    }
}
