package io.weir.connectors.kafka;

import io.weir.connectors.codec.ResultCodec;
import io.weir.connectors.codec.ResultRecord;
import java.util.Objects;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes {@link ResultRecord}s to the results topic in the {@link ResultCodec} format, with the
 * step timestamp as the Kafka record timestamp.
 */
public final class ResultSerializationSchema
        implements KafkaRecordSerializationSchema<ResultRecord> {
    private static final long serialVersionUID = 1L;

    private final String topic;

    public ResultSerializationSchema(String topic) {
        this.topic = Objects.requireNonNull(topic, "topic");
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(
            ResultRecord r, KafkaSinkContext context, Long timestamp) {
        return new ProducerRecord<>(
                topic,
                null,
                r.stepMillis(),
                ResultCodec.encodeKey(r.view(), r.series()),
                ResultCodec.encodeValue(r));
    }
}
