package io.weir.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weir.connectors.codec.CorruptRecordException;
import io.weir.connectors.codec.MetricBatchCodec;
import io.weir.connectors.codec.QueryControl;
import io.weir.connectors.codec.QueryControlCodec;
import io.weir.connectors.codec.QueryRegistration;
import io.weir.connectors.codec.ResultCodec;
import io.weir.connectors.codec.ResultKind;
import io.weir.connectors.codec.ResultRecord;
import io.weir.connectors.codec.SampleBatch;
import io.weir.connectors.dlq.DeadLetter;
import io.weir.connectors.dlq.DeadLetterHeaders;
import io.weir.connectors.dlq.DlqReason;
import io.weir.connectors.testing.KafkaTestBroker;
import io.weir.promql.eval.Engine;
import io.weir.promql.eval.EngineOptions;
import io.weir.promql.eval.MemorySampleStore;
import io.weir.promql.eval.QueryValue;
import io.weir.promql.model.Labels;
import io.weir.promql.model.StaleNaN;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
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
 * The job on a Flink MiniCluster with a real KRaft broker, against the evaluator: views of the
 * corpus {@code views.txt} are registered on the queries topic while the job runs, then generated
 * samples (a counter reset, a gap longer than the lookback, a staleness marker) flow in. Every
 * final result of every (view, series, step) must equal the evaluator's range query of the same
 * query and step on the same data, and the evaluator's every point must be there. A sample sent
 * after its steps became final goes to the dead letters as late.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class StreamingVsEvaluatorTest {
    private static final String METRICS = "weir.metrics";
    private static final String QUERIES = "weir.queries";
    private static final String RESULTS = "weir.results";
    private static final String DLQ = "weir.dlq";
    private static final String GROUP = "weir-test";
    private static final long LATENESS = 10_000;
    private static final long SCRAPE = 15_000;
    private static final int SCRAPES = 120;

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .setConfiguration(noRestarts(new Configuration()))
                            .build());

    private static KafkaClusterTestKit kafka;

    private static Configuration noRestarts(Configuration c) {
        c.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        return c;
    }

    @BeforeAll
    static void startKafka() throws Exception {
        kafka =
                KafkaTestBroker.start(
                        List.of(
                                new NewTopic(METRICS, 2, (short) 1),
                                new NewTopic(QUERIES, 1, (short) 1),
                                new NewTopic(RESULTS, 2, (short) 1),
                                new NewTopic(DLQ, 1, (short) 1)));
    }

    @AfterAll
    static void stopKafka() throws Exception {
        if (kafka != null) {
            kafka.close();
        }
    }

    /** One corpus line. */
    record View(String name, long stepMillis, String query) {}

    @Test
    void finalResultsEqualTheEvaluatorsRangeQueries() throws Exception {
        List<View> views = corpus();
        // The first step of every view: registrations are stamped just before it.
        long t0 = (System.currentTimeMillis() / 60_000 + 2) * 60_000;
        long end = t0 + SCRAPES * SCRAPE + 10 * 60_000;

        Properties jobProps = new Properties();
        jobProps.setProperty("bootstrap.servers", kafka.bootstrapServers());
        jobProps.setProperty("parallelism", "2");
        jobProps.setProperty("checkpoint.interval.ms", "500");
        jobProps.setProperty("watermark.out-of-orderness.ms", "5000");
        // No idleness: the clock samples at the end reach every partition.
        jobProps.setProperty("watermark.idleness.ms", "0");
        jobProps.setProperty("group.id", GROUP);
        JobConfig config = JobConfig.fromProperties(jobProps);
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(
                        noRestarts(WeirJob.flinkConfiguration(config)));
        WeirJob.build(env, config);
        JobClient job = env.executeAsync("weir test");
        long started = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            for (View v : views) {
                register(producer, v.name(), v.query(), v.stepMillis(), t0 - 1);
            }
            // Refused at registration; the job keeps running.
            register(
                    producer, "refused_join", "temperature / on(room) temperature", 60_000, t0 - 1);
            register(producer, "refused_topk", "topk(2, temperature)", 60_000, t0 - 1);
            producer.flush();
            awaitConsumed(job, GROUP + "-queries", QUERIES);

            MemorySampleStore store = new MemorySampleStore();
            // Two more views are registered half way, while samples flow: they start at the
            // next step, and their first steps read samples from before their registration.
            long middle = t0 + SCRAPES / 2 * SCRAPE;
            List<View> later =
                    List.of(
                            new View("mid_rate", 60_000, "rate(http_requests_total[5m])"),
                            new View("mid_sum", 30_000, "sum by (job) (http_requests_total)"));
            boolean registeredLater = false;
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (SampleBatch b : generate(t0)) {
                if (!registeredLater && b.timestamp(0) >= middle) {
                    producer.flush();
                    for (View v : later) {
                        register(producer, v.name(), v.query(), v.stepMillis(), middle - 1);
                    }
                    producer.flush();
                    awaitConsumed(job, GROUP + "-queries", QUERIES);
                    registeredLater = true;
                }
                store.append(b.labels(), b.timestamp(0), b.value(0));
                sent.add(
                        producer.send(
                                new ProducerRecord<>(
                                        METRICS,
                                        MetricBatchCodec.encodeKey(b.labels()),
                                        MetricBatchCodec.encodeValue(b))));
            }
            // A sample of a metric no view reads moves every partition's watermark past the end.
            Labels clock = Labels.of("__name__", "weir_test_clock");
            for (int partition = 0; partition < 2; partition++) {
                sent.add(
                        producer.send(
                                new ProducerRecord<>(
                                        METRICS,
                                        partition,
                                        null,
                                        MetricBatchCodec.encodeValue(
                                                SampleBatch.of(clock, end + 3_600_000, 1)))));
            }
            producer.flush();
            for (Future<RecordMetadata> f : sent) {
                f.get();
            }

            Map<String, Double> expected = new TreeMap<>();
            try (Engine engine = new Engine(EngineOptions.defaults())) {
                for (View v : views) {
                    expect(expected, engine, store, v, t0, end);
                }
                for (View v : later) {
                    expect(expected, engine, store, v, middle, end);
                }
            }

            Map<String, Double> actual = new TreeMap<>();
            List<String> duplicates = new ArrayList<>();
            for (ConsumerRecord<byte[], byte[]> r : readCommitted(job, RESULTS, expected.size())) {
                ResultRecord result = decode(r);
                assertEquals(ResultKind.FINAL, result.kind());
                String k = key(result.view(), result.series(), result.stepMillis());
                if (actual.put(k, result.value()) != null) {
                    duplicates.add(k);
                }
            }
            long resultsAt = System.nanoTime();

            int passed = 0;
            List<String> failures = new ArrayList<>();
            for (Map.Entry<String, Double> e : expected.entrySet()) {
                Double got = actual.get(e.getKey());
                if (got != null && close(e.getValue(), got)) {
                    passed++;
                } else {
                    failures.add(e.getKey() + " expected " + e.getValue() + " got " + got);
                }
            }
            for (String k : actual.keySet()) {
                if (!expected.containsKey(k)) {
                    failures.add(k + " not in the evaluator's result, got " + actual.get(k));
                }
            }
            System.out.println(
                    "streaming-vs-evaluator: "
                            + passed
                            + " passed, "
                            + failures.size()
                            + " failed");
            System.out.printf(
                    "views: %d, expected points: %d, job start to all results: %d ms%n",
                    views.size() + later.size(),
                    expected.size(),
                    (resultsAt - started) / 1_000_000);
            failures.stream()
                    .filter(f -> !f.endsWith("got null"))
                    .limit(20)
                    .forEach(System.out::println);
            failures.stream().limit(20).forEach(System.out::println);
            assertEquals(List.of(), duplicates, "final results written more than once");
            assertTrue(expected.size() > 1000, "the corpus produced " + expected.size());
            assertEquals(List.of(), failures.stream().limit(30).toList());

            // Every step is final now: one more counter sample is late.
            Labels late =
                    Labels.of("__name__", "http_requests_total", "job", "api", "instance", "a");
            producer.send(
                            new ProducerRecord<>(
                                    METRICS,
                                    MetricBatchCodec.encodeKey(late),
                                    MetricBatchCodec.encodeValue(
                                            SampleBatch.of(late, t0 + 600_000 + 500, 1e6))))
                    .get();
            List<DeadLetter> letters = new ArrayList<>();
            for (ConsumerRecord<byte[], byte[]> r : readCommitted(job, DLQ, 1)) {
                letters.add(DeadLetterHeaders.read(r));
            }
            assertEquals(1, letters.size(), letters.toString());
            assertEquals(DlqReason.LATE, letters.get(0).reason());
            assertTrue(actual.keySet().stream().noneMatch(k -> k.startsWith("refused_")));
        } finally {
            job.cancel().get();
        }
    }

    /** The evaluator's range query of a view over {@code [start, end]}, point by point. */
    private static void expect(
            Map<String, Double> expected,
            Engine engine,
            MemorySampleStore store,
            View v,
            long start,
            long end) {
        QueryValue.Matrix m = engine.rangeQuery(store, v.query(), start, end, v.stepMillis());
        for (QueryValue.Series s : m.series()) {
            for (int i = 0; i < s.size(); i++) {
                expected.put(key(v.name(), s.labels(), s.timestamps()[i]), s.values()[i]);
            }
        }
    }

    private static boolean close(double want, double got) {
        if (Double.isNaN(want) || Double.isNaN(got)) {
            return Double.isNaN(want) && Double.isNaN(got);
        }
        if (want == got) {
            return true;
        }
        return Math.abs(want - got) <= 1e-9 * Math.max(Math.abs(want), Math.abs(got));
    }

    /**
     * Counters of three series (a reset in one, a gap longer than the lookback in another) and
     * gauges of three rooms (a staleness marker in one), each scraped every 15 s at its own phase,
     * in time order.
     */
    static List<SampleBatch> generate(long t0) {
        Random random = new Random(42);
        List<Labels> counters =
                List.of(
                        Labels.of("__name__", "http_requests_total", "job", "api", "instance", "a"),
                        Labels.of("__name__", "http_requests_total", "job", "api", "instance", "b"),
                        Labels.of(
                                "__name__", "http_requests_total", "job", "web", "instance", "a"));
        List<Labels> gauges =
                List.of(
                        Labels.of("__name__", "temperature", "room", "kitchen"),
                        Labels.of("__name__", "temperature", "room", "lab"),
                        Labels.of("__name__", "temperature", "room", "kiln"));
        double[] counts = new double[counters.size()];
        List<SampleBatch> out = new ArrayList<>();
        for (int i = 0; i < SCRAPES; i++) {
            long scrape = t0 + i * SCRAPE;
            for (int c = 0; c < counters.size(); c++) {
                long ts = scrape + 1_000 + c * 3_000L;
                if (c == 2 && i >= 40 && i < 70) {
                    continue; // a gap of 7.5 minutes
                }
                counts[c] += random.nextInt(50);
                if (c == 1 && i == 50) {
                    counts[c] = 3; // a counter reset
                }
                out.add(SampleBatch.of(counters.get(c), ts, counts[c]));
            }
            for (int g = 0; g < gauges.size(); g++) {
                long ts = scrape + 2_000 + g * 4_000L;
                double v = 270 + random.nextDouble() * 30;
                if (g == 1 && i == 60) {
                    v = StaleNaN.VALUE; // the target went away for a while
                } else if (g == 1 && i > 60 && i < 80) {
                    continue;
                }
                out.add(SampleBatch.of(gauges.get(g), ts, v));
            }
        }
        out.sort(java.util.Comparator.comparingLong(b -> b.timestamp(0)));
        return out;
    }

    static List<View> corpus() throws Exception {
        List<View> views = new ArrayList<>();
        try (InputStream in = StreamingVsEvaluatorTest.class.getResourceAsStream("/views.txt");
                BufferedReader r =
                        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                int bar = line.indexOf('|');
                String step = line.substring(0, bar).strip();
                long stepMillis = Long.parseLong(step.substring(0, step.length() - 1)) * 1_000;
                views.add(
                        new View(
                                "v" + (views.size() + 1),
                                stepMillis,
                                line.substring(bar + 1).strip()));
            }
        }
        return views;
    }

    private static void register(
            KafkaProducer<byte[], byte[]> producer, String name, String query, long step, long at) {
        QueryControl c =
                new QueryControl.Register(
                        new QueryRegistration(
                                name,
                                query,
                                Duration.ofMillis(step),
                                Duration.ofMillis(LATENESS),
                                Duration.ZERO));
        // Checked by the flush and the wait for the consumer group that follow.
        var unused =
                producer.send(
                        new ProducerRecord<>(
                                QUERIES,
                                0,
                                at,
                                QueryControlCodec.encodeKey(c),
                                QueryControlCodec.encodeValue(c)));
    }

    /**
     * Waits until the job's consumer group committed the end of {@code topic}: the source commits
     * offsets when a checkpoint completes, and a checkpoint completes only after every stage has
     * processed the records before its barrier, so every stage then knows the registrations.
     */
    private static void awaitConsumed(JobClient job, String group, String topic) throws Exception {
        try (Admin admin = Admin.create(kafka.clientProperties())) {
            TopicPartition tp = new TopicPartition(topic, 0);
            long endOffset =
                    admin.listOffsets(Map.of(tp, OffsetSpec.latest()))
                            .partitionResult(tp)
                            .get()
                            .offset();
            while (true) {
                Map<TopicPartition, OffsetAndMetadata> committed =
                        admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
                OffsetAndMetadata o = committed.get(tp);
                if (o != null && o.offset() >= endOffset) {
                    return;
                }
                assertRunning(job);
                Thread.sleep(100);
            }
        }
    }

    /** Fails at once, with the job's own failure, when the job is no longer running. */
    private static void assertRunning(JobClient job) throws Exception {
        if (job.getJobStatus().get().isGloballyTerminalState()) {
            job.getJobExecutionResult().get();
            throw new AssertionError("the job ended");
        }
    }

    private static String key(String view, Labels labels, long step) {
        return view + " " + labels + " @" + step;
    }

    private static ResultRecord decode(ConsumerRecord<byte[], byte[]> r) {
        try {
            return ResultCodec.decode(r.key(), r.value());
        } catch (CorruptRecordException e) {
            throw new AssertionError(e);
        }
    }

    private static KafkaProducer<byte[], byte[]> producer() {
        Properties p = new Properties();
        p.putAll(kafka.clientProperties());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return new KafkaProducer<>(p);
    }

    /**
     * Every committed record of the topic, read until at least {@code atLeast} are there or a
     * minute has passed; the sink's transactions commit with checkpoints.
     */
    private static List<ConsumerRecord<byte[], byte[]>> readCommitted(
            JobClient job, String topic, int atLeast) throws Exception {
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
            while (out.size() < atLeast && System.nanoTime() < deadline) {
                assertRunning(job);
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
            // Anything beyond: read up to the end once more.
            Map<TopicPartition, Long> endOffsets = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < endOffsets.get(tp))) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }
}
