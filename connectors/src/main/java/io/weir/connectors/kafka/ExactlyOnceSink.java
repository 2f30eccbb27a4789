package io.weir.connectors.kafka;

import io.weir.connectors.codec.ResultRecord;
import io.weir.connectors.dlq.DeadLetter;
import io.weir.connectors.dlq.DeadLetterSerializationSchema;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Builds transactional {@link KafkaSink}s: records become visible to {@code read_committed}
 * consumers when the checkpoint that covers them completes, once each, also across failures. Each
 * sink of a job needs its own transactional-id prefix, and the transaction timeout must exceed the
 * longest time between checkpoints plus a restart, yet stay within the broker's {@code
 * transaction.max.timeout.ms} (15 minutes by default).
 */
public final class ExactlyOnceSink<T> {
    /** Long enough for a checkpoint interval of tens of seconds and a restart. */
    public static final Duration DEFAULT_TRANSACTION_TIMEOUT = Duration.ofSeconds(60);

    private final KafkaRecordSerializationSchema<T> serializer;
    private String bootstrapServers;
    private String transactionalIdPrefix;
    private Duration transactionTimeout = DEFAULT_TRANSACTION_TIMEOUT;
    private final Properties properties = new Properties();

    private ExactlyOnceSink(KafkaRecordSerializationSchema<T> serializer) {
        this.serializer = Objects.requireNonNull(serializer, "serializer");
    }

    public static <T> ExactlyOnceSink<T> builder(KafkaRecordSerializationSchema<T> serializer) {
        return new ExactlyOnceSink<>(serializer);
    }

    /** A sink of view results to {@code topic} (by default {@code weir.results}). */
    public static ExactlyOnceSink<ResultRecord> results(String topic) {
        return builder(new ResultSerializationSchema(topic));
    }

    /** A sink of dead letters to {@code topic} (by default {@code weir.dlq}). */
    public static ExactlyOnceSink<DeadLetter> deadLetters(String topic) {
        return builder(new DeadLetterSerializationSchema(topic));
    }

    public ExactlyOnceSink<T> bootstrapServers(String servers) {
        this.bootstrapServers = servers;
        return this;
    }

    /** Unique per sink and per job: two writers with one prefix fence each other off. */
    public ExactlyOnceSink<T> transactionalIdPrefix(String prefix) {
        this.transactionalIdPrefix = prefix;
        return this;
    }

    public ExactlyOnceSink<T> transactionTimeout(Duration timeout) {
        this.transactionTimeout = timeout;
        return this;
    }

    /** Any other producer property. */
    public ExactlyOnceSink<T> property(String key, String value) {
        properties.setProperty(key, value);
        return this;
    }

    public KafkaSink<T> build() {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(transactionalIdPrefix, "transactionalIdPrefix");
        Properties p = new Properties();
        p.putAll(properties);
        p.setProperty(
                ProducerConfig.TRANSACTION_TIMEOUT_CONFIG,
                Long.toString(transactionTimeout.toMillis()));
        return KafkaSink.<T>builder()
                .setBootstrapServers(bootstrapServers)
                .setRecordSerializer(serializer)
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(transactionalIdPrefix)
                .setKafkaProducerConfig(p)
                .build();
    }
}
