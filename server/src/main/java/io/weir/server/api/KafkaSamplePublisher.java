package io.weir.server.api;

import io.weir.connectors.codec.MetricBatchCodec;
import io.weir.connectors.codec.SampleBatch;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Produces sample batches to {@code weir.metrics} in the binary format, keyed by series hash (so a
 * series stays in one partition, in order), with an idempotent producer that waits for every
 * in-sync replica.
 */
public final class KafkaSamplePublisher implements SamplePublisher, AutoCloseable {
    private static final long TIMEOUT_MS = 60_000;

    private final String topic;
    private final KafkaProducer<byte[], byte[]> producer;

    /**
     * @param clientConfig Kafka client settings, at least {@code bootstrap.servers}
     */
    public KafkaSamplePublisher(Map<String, Object> clientConfig, String topic) {
        this.topic = topic;
        Properties p = new Properties();
        p.putAll(clientConfig);
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        this.producer = new KafkaProducer<>(p);
    }

    @Override
    public void publish(List<SampleBatch> batches) throws IOException {
        List<Future<RecordMetadata>> sent = new ArrayList<>(batches.size());
        for (SampleBatch b : batches) {
            sent.add(
                    producer.send(
                            new ProducerRecord<>(
                                    topic,
                                    MetricBatchCodec.encodeKey(b.labels()),
                                    MetricBatchCodec.encodeValue(b))));
        }
        producer.flush();
        try {
            for (Future<RecordMetadata> f : sent) {
                f.get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while producing to " + topic, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("cannot produce to " + topic + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
