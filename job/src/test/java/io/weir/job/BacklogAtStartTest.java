package io.weir.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weir.connectors.codec.MetricBatchCodec;
import io.weir.connectors.codec.ResultKind;
import io.weir.connectors.codec.ResultRecord;
import io.weir.connectors.codec.SampleBatch;
import io.weir.connectors.testing.KafkaTestBroker;
import io.weir.job.Expectations.View;
import io.weir.promql.eval.Engine;
import io.weir.promql.eval.EngineOptions;
import io.weir.promql.eval.MemorySampleStore;
import io.weir.promql.model.Labels;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
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
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A job submitted onto topics that already hold registrations and an hour of metrics (a first start
 * after the views were registered, or a resubmission without a savepoint): the metrics' watermark
 * must not pass a view's first steps on any subtask before the registrations reached it, or those
 * steps would come out with part of their series. Every final result equals the evaluator's range
 * query, from each view's first step on.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class BacklogAtStartTest {
    private static final long STEP = 15_000;
    private static final long SCRAPE = 5_000;
    private static final int JOBS = 3;
    private static final int INSTANCES = 20;

    private static final List<View> VIEWS =
            List.of(
                    new View("requests_rate", STEP, "sum by (job) (rate(requests_total[1m]))"),
                    new View("instances", STEP, "count by (job) (requests_total)"),
                    new View("per_instance", STEP, "increase(requests_total[30s])"));

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
        kafka = KafkaTestBroker.start(List.of());
    }

    @AfterAll
    static void stopKafka() throws Exception {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void viewsRegisteredBeforeTheJobStartsAreCompleteFromTheirFirstStep() throws Exception {
        run("backlog", false);
    }

    /**
     * Data written into a running job that has read nothing yet, one minute per request and much
     * faster than real time, as {@code weir import} writes a file. (With an idleness timeout
     * shorter than the pauses between requests, partitions that went idle could see their samples
     * come late: README, "Idleness".)
     */
    @Test
    void anImportIntoARunningJobIsComplete() throws Exception {
        run("import", true);
    }

    private void run(String prefix, boolean startFirst) throws Exception {
        KafkaIo io = new KafkaIo(kafka);
        String metrics = prefix + ".metrics";
        String results = prefix + ".results";
        String queries = prefix + ".queries";
        try (Admin admin = Admin.create(kafka.clientProperties())) {
            admin.createTopics(
                            List.of(
                                    new NewTopic(metrics, 4, (short) 1),
                                    new NewTopic(queries, 1, (short) 1),
                                    new NewTopic(results, 2, (short) 1),
                                    new NewTopic(prefix + ".dlq", 1, (short) 1)))
                    .all()
                    .get();
        }
        long start = (System.currentTimeMillis() / STEP) * STEP - 3_600_000;
        long registered = start + 10 * 60_000 + 1;
        long end = start + 3_600_000;
        try (KafkaProducer<byte[], byte[]> producer = io.producer()) {
            // A queries topic with a history: views registered and dropped before, so that
            // reading it to the views that matter takes the stages a while.
            for (int i = 0; i < 300; i++) {
                String name = "earlier_" + i;
                KafkaIo.register(
                        producer, queries, name, "sum by (job) (requests_total)", STEP, 0, start);
                KafkaIo.drop(producer, queries, name, start);
            }
            producer.flush();
            for (View v : VIEWS) {
                KafkaIo.register(producer, queries, v.name(), v.query(), STEP, 5_000, registered);
            }
            producer.flush();
        }

        Properties props = new Properties();
        props.setProperty("bootstrap.servers", kafka.bootstrapServers());
        props.setProperty("topic.metrics", metrics);
        props.setProperty("topic.queries", queries);
        props.setProperty("topic.results", results);
        props.setProperty("topic.dlq", prefix + ".dlq");
        props.setProperty("parallelism", "2");
        props.setProperty("checkpoint.interval.ms", "500");
        props.setProperty("watermark.out-of-orderness.ms", "2000");
        // The default idleness for the import, none for the backlog.
        if (!startFirst) {
            props.setProperty("watermark.idleness.ms", "0");
        }
        props.setProperty("group.id", "weir-" + prefix);
        JobConfig config = JobConfig.fromProperties(props);
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(
                        noRestarts(WeirJob.flinkConfiguration(config)));
        WeirJob.build(env, config);
        JobClient job = null;
        if (startFirst) {
            job = env.executeAsync("weir " + prefix + " test");
            io.awaitConsumed(job, "weir-" + prefix + "-queries", queries);
        }
        MemorySampleStore store = new MemorySampleStore();
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = io.producer()) {
            // Scrapes in time order, every series in each; counters with their own rates.
            for (long t = start; t <= end + 60_000; t += SCRAPE) {
                for (int j = 0; j < JOBS; j++) {
                    for (int i = 0; i < INSTANCES; i++) {
                        Labels labels =
                                Labels.of(
                                        "__name__", "requests_total",
                                        "job", "job" + j,
                                        "instance", "i" + i);
                        double value = (t - start) / 1000.0 * (1 + j + i * 0.1);
                        store.append(labels, t, value);
                        sent.add(
                                producer.send(
                                        new ProducerRecord<>(
                                                metrics,
                                                MetricBatchCodec.encodeKey(labels),
                                                MetricBatchCodec.encodeValue(
                                                        SampleBatch.of(labels, t, value)))));
                    }
                }
                if (startFirst && (t - start) % 60_000 == 0) {
                    producer.flush(); // a minute per request, as an import of small files
                }
            }
            producer.flush();
        }
        for (Future<RecordMetadata> f : sent) {
            f.get(); // every sample the evaluator holds is on the topic
        }
        if (!startFirst) {
            job = env.executeAsync("weir " + prefix + " test");
        }
        long first = new ViewSpec("first", "up", STEP, 0, registered).firstStep();
        Map<String, Double> expected = new TreeMap<>();
        try (Engine engine = new Engine(EngineOptions.defaults())) {
            for (View v : VIEWS) {
                Expectations.expect(expected, engine, store, v, first, end);
            }
        }

        Map<String, Double> finals = new TreeMap<>();
        List<String> duplicates = new ArrayList<>();
        int[] seen = {0};
        io.readCommitted(
                job,
                results,
                records -> {
                    for (; seen[0] < records.size(); seen[0]++) {
                        ResultRecord r = KafkaIo.decode(records.get(seen[0]));
                        if (r.kind() == ResultKind.FINAL && r.stepMillis() <= end) {
                            String k = Expectations.key(r.view(), r.series(), r.stepMillis());
                            if (finals.put(k, r.value()) != null) {
                                duplicates.add(k);
                            }
                        }
                    }
                    return finals.size() >= expected.size();
                },
                Duration.ofSeconds(60));
        job.cancel().get();

        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, Double> e : expected.entrySet()) {
            Double got = finals.get(e.getKey());
            if (got == null || !Expectations.close(e.getValue(), got)) {
                failures.add(e.getKey() + " expected " + e.getValue() + " got " + got);
            }
        }
        for (String k : finals.keySet()) {
            if (!expected.containsKey(k)) {
                failures.add(k + " not in the evaluator's result");
            }
        }
        System.out.printf(
                "%s: %d points expected, %d final, %d failures%n",
                prefix, expected.size(), finals.size(), failures.size());
        assertTrue(expected.size() > 10_000, "expected " + expected.size());
        assertEquals(List.of(), duplicates);
        assertEquals(List.of(), failures.stream().limit(20).toList());
    }
}
