package io.weir.server.views;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.weir.connectors.codec.MetricBatchCodec;
import io.weir.connectors.codec.SampleBatch;
import io.weir.connectors.testing.KafkaTestBroker;
import io.weir.promql.model.Labels;
import io.weir.server.api.KafkaSamplePublisher;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The registry and import on a real (in-JVM) Kafka broker. */
@Timeout(120)
class KafkaControlLogTest {
    private static KafkaClusterTestKit kafka;
    private static Map<String, Object> config;

    @BeforeAll
    static void start() throws Exception {
        kafka =
                KafkaTestBroker.start(
                        List.of(
                                new NewTopic("weir.queries", 1, (short) 1)
                                        .configs(Map.of("cleanup.policy", "compact")),
                                new NewTopic("weir.metrics", 2, (short) 1)));
        config = new HashMap<>();
        kafka.clientProperties().forEach((k, v) -> config.put(String.valueOf(k), v));
    }

    @AfterAll
    static void stop() throws Exception {
        kafka.close();
    }

    @Test
    void theListOfViewsSurvivesARestartOfTheServer() throws Exception {
        try (MemoryViewStore store = new MemoryViewStore()) {
            try (ViewRegistry first =
                    new ViewRegistry(
                            new KafkaControlLog(config, "weir.queries"),
                            store,
                            Clock.systemUTC())) {
                first.register(ViewRegistryTest.reg("a", "sum(x)"));
                first.register(ViewRegistryTest.reg("b", "max(x)"));
                first.drop("a");
            }
            try (ViewRegistry second =
                    new ViewRegistry(
                            new KafkaControlLog(config, "weir.queries"),
                            store,
                            Clock.systemUTC())) {
                assertEquals(List.of("b"), second.active().stream().map(v -> v.name()).toList());
                assertEquals(ViewStatus.DROPPED, second.get("a").orElseThrow().status());
            }
        }
    }

    @Test
    void importedBatchesAreBinaryRecordsKeyedBySeriesHash() throws Exception {
        List<SampleBatch> sent =
                List.of(
                        new SampleBatch(
                                Labels.of("__name__", "x", "a", "1"),
                                new long[] {1000, 2000},
                                new double[] {1, 2}),
                        SampleBatch.of(Labels.of("__name__", "y"), 1000, 5));
        try (KafkaSamplePublisher p = new KafkaSamplePublisher(config, "weir.metrics")) {
            p.publish(sent);
        }
        Properties props = new Properties();
        props.putAll(config);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        List<SampleBatch> got = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(props)) {
            List<TopicPartition> parts =
                    List.of(
                            new TopicPartition("weir.metrics", 0),
                            new TopicPartition("weir.metrics", 1));
            c.assign(parts);
            c.seekToBeginning(parts);
            while (got.size() < 2) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(500))) {
                    // decode checks that the key is the hash of the labels
                    got.add(MetricBatchCodec.decode(r.key(), r.value()));
                }
            }
        }
        got.sort((a, b) -> a.labels().compareTo(b.labels()));
        assertEquals(sent, got);
    }
}
