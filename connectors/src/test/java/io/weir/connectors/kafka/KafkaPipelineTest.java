package io.weir.connectors.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weir.connectors.codec.CorruptRecordException;
import io.weir.connectors.codec.MetricBatchCodec;
import io.weir.connectors.codec.MetricFormat;
import io.weir.connectors.codec.MetricSample;
import io.weir.connectors.codec.ResultCodec;
import io.weir.connectors.codec.ResultKind;
import io.weir.connectors.codec.ResultRecord;
import io.weir.connectors.codec.SampleBatch;
import io.weir.connectors.dlq.DeadLetter;
import io.weir.connectors.dlq.DeadLetterHeaders;
import io.weir.connectors.dlq.DeadLetters;
import io.weir.connectors.dlq.DlqReason;
import io.weir.connectors.flink.MetricWatermarks;
import io.weir.connectors.flink.SplitDeadLetters;
import io.weir.connectors.flink.WeirTypes;
import io.weir.connectors.testing.KafkaTestBroker;
import io.weir.promql.model.Labels;
import io.weir.promql.model.StaleNaN;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A real KRaft broker and a Flink MiniCluster: binary and JSON samples and malformed records go
 * through the metrics source, decoded samples through a transactional sink to the results topic,
 * bad records to the dead-letter topic. A read_committed consumer then sees each sample exactly
 * once and each bad record with its reason.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class KafkaPipelineTest {
    private static final String METRICS = "weir.metrics";
    private static final String JSON_METRICS = "weir.metrics.json";
    private static final String TEXT_METRICS = "weir.metrics.text";
    private static final String RESULTS = "weir.results";
    private static final String DLQ = "weir.dlq";
    private static final Charset UTF8 = StandardCharsets.UTF_8;

    private static final InMemoryReporter METRICS_REPORTER =
            InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .setConfiguration(flinkConfig())
                            .build());

    private static KafkaClusterTestKit kafka;

    private static Configuration flinkConfig() {
        Configuration c = new Configuration();
        c.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        return METRICS_REPORTER.addToConfiguration(c);
    }

    @BeforeAll
    static void startKafka() throws Exception {
        kafka =
                KafkaTestBroker.start(
                        List.of(
                                new NewTopic(METRICS, 2, (short) 1),
                                new NewTopic(JSON_METRICS, 1, (short) 1),
                                new NewTopic(TEXT_METRICS, 1, (short) 1),
                                new NewTopic(RESULTS, 2, (short) 1),
                                new NewTopic(DLQ, 1, (short) 1)));
    }

    @AfterAll
    static void stopKafka() throws Exception {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void samplesArriveExactlyOnceAndBadRecordsInTheDeadLetters() throws Exception {
        Map<String, Double> expected = new LinkedHashMap<>();
        byte[] garbage = {9, 9, 9};
        byte[] badJson = "{\"labels\":{\"__name__\":\"x\"},\"value\":1}".getBytes(UTF8);
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            for (int s = 0; s < 4; s++) {
                Labels labels = Labels.of("__name__", "up", "instance", "host-" + s);
                long[] ts = new long[10];
                double[] vs = new double[10];
                for (int i = 0; i < 10; i++) {
                    ts[i] = 1_700_000_000_000L + i * 15_000L;
                    vs[i] = i == 9 && s == 0 ? StaleNaN.VALUE : s * 100 + i;
                    expected.put(key(labels, ts[i]), vs[i]);
                }
                SampleBatch batch = new SampleBatch(labels, ts, vs);
                producer.send(
                                new ProducerRecord<>(
                                        METRICS,
                                        MetricBatchCodec.encodeKey(labels),
                                        MetricBatchCodec.encodeValue(batch)))
                        .get();
            }
            producer.send(new ProducerRecord<>(METRICS, null, garbage)).get();
            Labels j = Labels.of("__name__", "temperature", "room", "b");
            producer.send(
                            new ProducerRecord<>(
                                    JSON_METRICS,
                                    null,
                                    ("{\"labels\":{\"__name__\":\"temperature\",\"room\":\"b\"},"
                                                    + "\"samples\":[[1700000000000,21.5],[1700000015000,\"NaN\"]]}")
                                            .getBytes(UTF8)))
                    .get();
            expected.put(key(j, 1_700_000_000_000L), 21.5);
            expected.put(key(j, 1_700_000_015_000L), Double.NaN);
            producer.send(new ProducerRecord<>(JSON_METRICS, null, badJson)).get();
            // Text lines; the sample without a timestamp takes the record's.
            producer.send(
                            new ProducerRecord<>(
                                    TEXT_METRICS,
                                    null,
                                    1_700_000_030_000L,
                                    null,
                                    """
                                            # TYPE http_requests_total counter
                                            http_requests_total{code="200"} 1027 1700000000000
                                            http_requests_total{code="500"} 3
                                            """
                                            .getBytes(UTF8)))
                    .get();
            expected.put(
                    key(
                            Labels.of("__name__", "http_requests_total", "code", "200"),
                            1_700_000_000_000L),
                    1027.0);
            expected.put(
                    key(
                            Labels.of("__name__", "http_requests_total", "code", "500"),
                            1_700_000_030_000L),
                    3.0);
            producer.flush();
        }

        runJob();

        Map<String, Double> seen = new HashMap<>();
        List<String> duplicates = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : readCommitted(RESULTS, expected.size())) {
            ResultRecord result = decodeResult(r);
            assertEquals("echo", result.view());
            assertEquals(ResultKind.FINAL, result.kind());
            String k = key(result.series(), result.stepMillis());
            if (seen.put(k, result.value()) != null) {
                duplicates.add(k);
            }
        }
        assertEquals(List.of(), duplicates, "samples written more than once");
        assertEquals(expected.keySet(), seen.keySet());
        expected.forEach(
                (k, v) ->
                        assertEquals(
                                Double.doubleToRawLongBits(v),
                                Double.doubleToRawLongBits(seen.get(k)),
                                "value bits of " + k));

        List<DeadLetter> letters = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : readCommitted(DLQ, 2)) {
            letters.add(DeadLetterHeaders.read(r));
        }
        assertEquals(2, letters.size(), letters.toString());
        letters.sort((a, b) -> a.topic().compareTo(b.topic()));
        DeadLetter binary = letters.get(0);
        assertEquals(METRICS, binary.topic());
        assertEquals(DlqReason.UNDECODABLE, binary.reason());
        assertEquals("unsupported sample batch format version 9 (expected 1)", binary.message());
        assertTrue(Arrays.equals(garbage, binary.value()));
        DeadLetter json = letters.get(1);
        assertEquals(JSON_METRICS, json.topic());
        assertEquals(DlqReason.UNDECODABLE, json.reason());
        assertEquals("sample: missing \"timestamp\"", json.message());
        assertEquals(0, json.partition());
        assertEquals(1, json.offset());
        assertTrue(Arrays.equals(badJson, json.value()));

        long undecodable =
                METRICS_REPORTER.findGroups("split dead letters").stream()
                        .flatMap(g -> METRICS_REPORTER.getMetricsByGroup(g).entrySet().stream())
                        .filter(e -> e.getKey().equals("undecodable"))
                        .mapToLong(e -> ((Counter) e.getValue()).getCount())
                        .sum();
        assertEquals(2, undecodable, "the dead-letter counter");
    }

    private static void runJob() throws Exception {
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        // Every record crosses a serializer, as it would between machines.
        env.disableOperatorChaining();
        env.enableCheckpointing(300);
        String servers = kafka.bootstrapServers();
        SingleOutputStreamOperator<MetricSample> samples =
                env.fromSource(
                                MetricsSource.builder()
                                        .bootstrapServers(servers)
                                        .topics(
                                                TopicFormats.of(
                                                        Map.of(
                                                                METRICS, MetricFormat.BINARY,
                                                                JSON_METRICS, MetricFormat.JSON,
                                                                TEXT_METRICS,
                                                                        MetricFormat
                                                                                .PROMETHEUS_TEXT)))
                                        .groupId("pipeline-test")
                                        .startingOffsets(OffsetsInitializer.earliest())
                                        .boundedAt(OffsetsInitializer.latest())
                                        .build(),
                                MetricWatermarks.strategy(
                                        Duration.ofSeconds(30), Duration.ofSeconds(5)),
                                "metrics")
                        .process(new SplitDeadLetters())
                        .name("split dead letters");
        samples.map(KafkaPipelineTest::echo)
                .returns(WeirTypes.RESULT_RECORD)
                .sinkTo(
                        ExactlyOnceSink.results(RESULTS)
                                .bootstrapServers(servers)
                                .transactionalIdPrefix("pipeline-test-results")
                                .build())
                .name("results");
        samples.getSideOutput(DeadLetters.TAG)
                .sinkTo(
                        ExactlyOnceSink.deadLetters(DLQ)
                                .bootstrapServers(servers)
                                .transactionalIdPrefix("pipeline-test-dlq")
                                .build())
                .name("dead letters");
        env.execute("pipeline test");
    }

    private static ResultRecord echo(MetricSample s) {
        return new ResultRecord(
                "echo", s.labels(), s.timestampMillis(), s.value(), ResultKind.FINAL);
    }

    private static ResultRecord decodeResult(ConsumerRecord<byte[], byte[]> r) {
        try {
            return ResultCodec.decode(r.key(), r.value());
        } catch (CorruptRecordException e) {
            throw new AssertionError(e);
        }
    }

    private static String key(Labels labels, long t) {
        return labels + "@" + t;
    }

    private static KafkaProducer<byte[], byte[]> producer() {
        Properties p = new Properties();
        p.putAll(kafka.clientProperties());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return new KafkaProducer<>(p);
    }

    /**
     * Every committed record of the topic: reads from the start to the last stable offset, until at
     * least {@code atLeast} records are there or a minute has passed. The sink commits its last
     * transactions as the job finishes; on a loaded machine a commit may become visible a little
     * after {@code execute} returns, so one read up to the stable offset is not enough.
     */
    private static List<ConsumerRecord<byte[], byte[]>> readCommitted(String topic, int atLeast) {
        Properties p = new Properties();
        p.putAll(kafka.clientProperties());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class.getName());
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(topic)
                    .forEach(i -> partitions.add(new TopicPartition(topic, i.partition())));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            while (true) {
                Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
                while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                    consumer.poll(Duration.ofMillis(200)).forEach(out::add);
                }
                if (out.size() >= atLeast || System.nanoTime() > deadline) {
                    break;
                }
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }
}
