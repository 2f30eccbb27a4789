package io.weir.server.ingest;

import io.weir.connectors.codec.MetricBatchCodec;
import io.weir.connectors.codec.QueryControl;
import io.weir.connectors.codec.QueryControlCodec;
import io.weir.connectors.codec.QueryRegistration;
import io.weir.connectors.codec.ResultCodec;
import io.weir.connectors.codec.ResultRecord;
import io.weir.connectors.codec.SampleBatch;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Producers of the three topics in their wire formats, for the ingestion tests. */
public final class Producers {
    public static final String METRICS = "weir.metrics";
    public static final String RESULTS = "weir.results";
    public static final String QUERIES = "weir.queries";

    private Producers() {}

    public static List<NewTopic> topics() {
        return List.of(
                new NewTopic(METRICS, 2, (short) 1),
                new NewTopic(RESULTS, 2, (short) 1),
                new NewTopic(QUERIES, 1, (short) 1)
                        .configs(java.util.Map.of("cleanup.policy", "compact")));
    }

    public static KafkaProducer<byte[], byte[]> plain(String servers) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** A transactional producer, as the job's exactly-once sink writes the results. */
    public static KafkaProducer<byte[], byte[]> transactional(String servers, String id) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, id);
        p.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, "60000");
        KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
        producer.initTransactions();
        return producer;
    }

    /**
     * Sends without waiting; a failure shows in {@code flush} or {@code commitTransaction}, or as a
     * missing record.
     */
    public static void send(
            KafkaProducer<byte[], byte[]> producer, ProducerRecord<byte[], byte[]> r) {
        Future<RecordMetadata> unused = producer.send(r);
    }

    public static ProducerRecord<byte[], byte[]> metrics(SampleBatch batch) {
        return new ProducerRecord<>(
                METRICS,
                MetricBatchCodec.encodeKey(batch.labels()),
                MetricBatchCodec.encodeValue(batch));
    }

    public static ProducerRecord<byte[], byte[]> result(ResultRecord r) {
        return new ProducerRecord<>(
                RESULTS, ResultCodec.encodeKey(r.view(), r.series()), ResultCodec.encodeValue(r));
    }

    public static ProducerRecord<byte[], byte[]> register(String view, Duration retention) {
        QueryControl c =
                new QueryControl.Register(
                        new QueryRegistration(
                                view, "up", Duration.ofMinutes(1), Duration.ZERO, retention));
        return new ProducerRecord<>(
                QUERIES, QueryControlCodec.encodeKey(c), QueryControlCodec.encodeValue(c));
    }

    public static ProducerRecord<byte[], byte[]> drop(String view) {
        QueryControl c = new QueryControl.Drop(view);
        return new ProducerRecord<>(
                QUERIES, QueryControlCodec.encodeKey(c), QueryControlCodec.encodeValue(c));
    }
}
