package io.weir.connectors.kafka;

import io.weir.connectors.codec.ResultCodec;
import io.weir.connectors.codec.ResultRecord;
import java.util.Objects;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes {@link ResultRecord}s to the results topic in the {@link ResultCodec} format. The step is
 * in the value; the Kafka record timestamp is the time of writing. (The step as record timestamp
 * made a broker refuse the results of data more than {@code log.message.timestamp.after.max.ms}
 * ahead of its clock, one hour by default, so that the job restarted for ever, and let time-based
 * retention delete the results of imported history before anyone read them.)
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
                null,
                ResultCodec.encodeKey(r.view(), r.series()),
                ResultCodec.encodeValue(r));
    }
}
