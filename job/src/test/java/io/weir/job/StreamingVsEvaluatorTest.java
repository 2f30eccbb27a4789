package io.weir.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weir.connectors.codec.MetricBatchCodec;
import io.weir.connectors.codec.ResultKind;
import io.weir.connectors.codec.ResultRecord;
import io.weir.connectors.codec.SampleBatch;
import io.weir.connectors.dlq.DeadLetter;
import io.weir.connectors.dlq.DeadLetterHeaders;
import io.weir.connectors.dlq.DlqReason;
import io.weir.connectors.testing.KafkaTestBroker;
import io.weir.job.Expectations.View;
import io.weir.promql.PromqlException;
import io.weir.promql.eval.Engine;
import io.weir.promql.eval.EngineOptions;
import io.weir.promql.eval.MemorySampleStore;
import io.weir.promql.explain.Explain;
import io.weir.promql.model.Labels;
import io.weir.promql.plan.physical.ViewCatalog;
import io.weir.promql.plan.physical.ViewCompiler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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
 * The job on a Flink MiniCluster with a real KRaft broker, against the evaluator. The views of the
 * corpus {@code corpus/views.promql} are registered on the queries topic while the job runs, then
 * the generated samples of {@link DifferentialData} flow in (counter reset, gaps, a staleness
 * marker, a classic histogram, out-of-order samples within the lateness, late ones beyond it).
 * Every final result of every (view, series, step), staleness markers included, must equal the
 * evaluator's range query of the same query and step on the same data, and every point of the
 * evaluator must be there. Early results appear, flagged early. Views registered and dropped while
 * samples flow (one sharing a leaf with another) are right and the job never restarts.
 */
@Timeout(value = 170, unit = TimeUnit.SECONDS)
class StreamingVsEvaluatorTest {
    private static final String METRICS = "weir.metrics";
    private static final String QUERIES = KafkaIo.QUERIES;
    private static final String RESULTS = "weir.results";
    private static final String DLQ = "weir.dlq";
    private static final String GROUP = "weir-test";
    private static final long LATENESS = 10_000;

    private static final View DYN_A =
            new View("dyn_a", 60_000, "sum by (job) (rate(http_requests_total[5m]))");
    private static final View DYN_B =
            new View("dyn_b", 60_000, "max_over_time(temperature[5m:1m])");

    /** Shares the rate window of {@link #DYN_A} (same selector, range and step). */
    private static final View DYN_C =
            new View("dyn_c", 60_000, "rate(http_requests_total[5m]) * 60");

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

    @Test
    void finalResultsEqualTheEvaluatorsRangeQueries() throws Exception {
        KafkaIo io = new KafkaIo(kafka);
        List<View> views = Expectations.corpus();
        assertTrue(views.size() >= 100, "the corpus has " + views.size() + " views");
        // The first step of every view: registrations are stamped just before it.
        long t0 = (System.currentTimeMillis() / 60_000 + 2) * 60_000;
        long end = t0 + DifferentialData.SCRAPES * DifferentialData.SCRAPE + 10 * 60_000;
        long middle = t0 + DifferentialData.SCRAPES / 2 * DifferentialData.SCRAPE;
        // On a step of the dynamic views, as the start of the evaluator's range query must be.
        long threeQuarters =
                t0 + DifferentialData.SCRAPES * 3 / 4 * DifferentialData.SCRAPE / 60_000 * 60_000;
        DifferentialData.Generated data = DifferentialData.generate(t0);

        MemorySampleStore store = new MemorySampleStore();
        for (SampleBatch b : data.onTime()) {
            store.append(b.labels(), b.timestamp(0), b.value(0));
        }
        Map<String, Double> expected = new TreeMap<>();
        List<String> evaluatorErrors = new ArrayList<>();
        Map<String, Double> expectedB = new TreeMap<>();
        try (Engine engine = new Engine(EngineOptions.defaults())) {
            for (View v : views) {
                try {
                    Expectations.expect(expected, engine, store, v, t0, end);
                } catch (PromqlException e) {
                    evaluatorErrors.add(v.name() + " " + v.query() + ": " + e.getMessage());
                }
            }
            Expectations.expect(expected, engine, store, DYN_A, middle, end);
            Expectations.expect(expected, engine, store, DYN_C, threeQuarters, end);
            Expectations.expect(expectedB, engine, store, DYN_B, middle, end);
        }

        assertEquals(List.of(), evaluatorErrors, "the evaluator refuses corpus views");

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
        JobID jobId = job.getJobID();
        long started = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer = io.producer()) {
            for (View v : views) {
                KafkaIo.register(producer, v.name(), v.query(), v.stepMillis(), LATENESS, t0 - 1);
            }
            // Refused at registration by name; the job keeps running.
            KafkaIo.register(
                    producer, "refused_at", "temperature @ 1700000000", 60_000, LATENESS, t0 - 1);
            producer.flush();
            io.awaitConsumed(job, GROUP + "-queries", QUERIES);

            List<Future<RecordMetadata>> sent = new ArrayList<>();
            boolean registeredMiddle = false;
            boolean changedLater = false;
            for (SampleBatch b : data.sendOrder()) {
                if (!registeredMiddle && b.timestamp(0) >= middle) {
                    // Two views while samples flow: they start at the next step, and their
                    // first steps read samples from before their registration.
                    producer.flush();
                    KafkaIo.register(
                            producer, "dyn_a", DYN_A.query(), 60_000, LATENESS, middle - 1);
                    KafkaIo.register(
                            producer, "dyn_b", DYN_B.query(), 60_000, LATENESS, middle - 1);
                    producer.flush();
                    io.awaitConsumed(job, GROUP + "-queries", QUERIES);
                    registeredMiddle = true;
                }
                if (!changedLater && b.timestamp(0) >= threeQuarters) {
                    producer.flush();
                    // dyn_b has computed some steps before it goes.
                    io.readCommitted(
                            job,
                            RESULTS,
                            l ->
                                    l.stream()
                                            .map(KafkaIo::decode)
                                            .anyMatch(
                                                    r ->
                                                            r.view().equals("dyn_b")
                                                                    && r.kind()
                                                                            == ResultKind.FINAL),
                            Duration.ofSeconds(30));
                    KafkaIo.drop(producer, "dyn_b", threeQuarters - 1);
                    KafkaIo.register(
                            producer, "dyn_c", DYN_C.query(), 60_000, LATENESS, threeQuarters - 1);
                    producer.flush();
                    io.awaitConsumed(job, GROUP + "-queries", QUERIES);
                    changedLater = true;
                }
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
                                                SampleBatch.of(clock, end + 180_000, 1)))));
            }
            producer.flush();
            for (Future<RecordMetadata> f : sent) {
                f.get();
            }

            Collected got = new Collected(end, expected.size());
            io.readCommitted(job, RESULTS, got, Duration.ofSeconds(90));
            long resultsAt = System.nanoTime();

            int passed = 0;
            List<String> failures = new ArrayList<>();
            Set<String> failedViews = new TreeSet<>();
            for (Map.Entry<String, Double> e : expected.entrySet()) {
                Double value = got.finals.get(e.getKey());
                if (value != null && Expectations.close(e.getValue(), value)) {
                    passed++;
                } else {
                    failures.add(e.getKey() + " expected " + e.getValue() + " got " + value);
                    failedViews.add(viewOf(e.getKey()));
                }
            }
            // The dropped view: every step up to its last is complete, and right.
            long lastB = got.lastStep.getOrDefault("dyn_b", Long.MIN_VALUE);
            for (Map.Entry<String, Double> e : expectedB.entrySet()) {
                long step = Long.parseLong(e.getKey().substring(e.getKey().lastIndexOf('@') + 1));
                if (step <= lastB && !got.finals.containsKey(e.getKey())) {
                    failures.add(e.getKey() + " expected " + e.getValue() + " got null");
                    failedViews.add("dyn_b");
                }
            }
            for (Map.Entry<String, Double> e : got.finals.entrySet()) {
                String view = viewOf(e.getKey());
                if (view.equals("dyn_b")) {
                    Double want = expectedB.get(e.getKey());
                    if (want == null || !Expectations.close(want, e.getValue())) {
                        failures.add(e.getKey() + " expected " + want + " got " + e.getValue());
                        failedViews.add(view);
                    }
                } else if (!expected.containsKey(e.getKey())) {
                    failures.add(
                            e.getKey() + " not in the evaluator's result, got " + e.getValue());
                    failedViews.add(view);
                }
            }
            for (String v : failedViews) {
                long missing =
                        failures.stream()
                                .filter(f -> f.startsWith(v + " ") && f.endsWith("got null"))
                                .count();
                long extra =
                        failures.stream()
                                .filter(f -> f.startsWith(v + " ") && f.contains("not in the"))
                                .count();
                long all = failures.stream().filter(f -> f.startsWith(v + " ")).count();
                System.out.printf(
                        "%s %s: %d wrong, %d missing, %d extra%n",
                        v, queryOf(views, v), all - missing - extra, missing, extra);
            }
            // The first two failures of every failing view.
            Map<String, Integer> shown = new HashMap<>();
            for (String f : failures) {
                if (shown.merge(viewOf(f), 1, Integer::sum) <= 2) {
                    System.out.println(f);
                }
            }
            System.out.printf(
                    "views: %d, expected points: %d (%d passed), early results: %d, job start to"
                            + " all results: %d ms, failed views: %s%n",
                    views.size() + 3,
                    expected.size(),
                    passed,
                    got.early,
                    (resultsAt - started) / 1_000_000,
                    failedViews);
            int viewCount = views.size() + 3;
            System.out.println(
                    "streaming-vs-evaluator: "
                            + (viewCount - failedViews.size())
                            + " passed, "
                            + failedViews.size()
                            + " failed");
            assertEquals(List.of(), got.duplicates, "final results written more than once");
            assertEquals(List.of(), failures.stream().limit(30).toList());
            assertTrue(expected.size() > 10_000, "the corpus produced " + expected.size());
            // Early results of open steps, flagged early, on both paths.
            for (String q : List.of("rate(http_requests_total[5m])", "topk(2, temperature)")) {
                String name =
                        views.stream()
                                .filter(v -> v.query().equals(q))
                                .findFirst()
                                .orElseThrow()
                                .name();
                assertTrue(got.earlyViews.contains(name), "no early results of " + q);
            }
            assertTrue(
                    got.finals.keySet().stream().noneMatch(k -> k.startsWith("refused_")),
                    "a refused view has results");
            // The dropped view ran until its drop, and not after.
            assertTrue(
                    got.finals.keySet().stream().anyMatch(k -> k.startsWith("dyn_b ")),
                    "dyn_b has no results");
            assertTrue(
                    got.lastStep.getOrDefault("dyn_b", 0L) < threeQuarters,
                    "dyn_b has results after its drop");

            // The samples beyond the lateness of every view that reads them are dead letters.
            List<DeadLetter> letters = new ArrayList<>();
            for (ConsumerRecord<byte[], byte[]> r :
                    io.readCommitted(
                            job,
                            DLQ,
                            l -> l.size() >= data.late().size(),
                            Duration.ofSeconds(30))) {
                letters.add(DeadLetterHeaders.read(r));
            }
            assertEquals(data.late().size(), letters.size(), letters.toString());
            assertTrue(letters.stream().allMatch(l -> l.reason() == DlqReason.LATE));

            // Registering and dropping never restarted the job.
            KafkaIo.assertRunning(job);
            assertEquals(jobId, job.getJobID());
        } finally {
            job.cancel().get();
        }
    }

    /**
     * The shared sub-plan of the dynamic views is one node in EXPLAIN: after registering dyn_a and
     * dyn_b, dropping dyn_b and registering dyn_c, the rate window of dyn_a and dyn_c appears once,
     * used by both.
     */
    @Test
    void theSharedWindowAppearsOnceInExplain() {
        ViewCatalog catalog = new ViewCatalog(ViewCompiler.defaults());
        catalog.register(DYN_A.name(), DYN_A.query(), DYN_A.stepMillis());
        catalog.register(DYN_B.name(), DYN_B.query(), DYN_B.stepMillis());
        catalog.drop(DYN_B.name());
        catalog.register(DYN_C.name(), DYN_C.query(), DYN_C.stepMillis());
        String text = Explain.text(catalog.physicalPlan(), catalog.views());
        List<String> windows =
                text.lines()
                        .filter(l -> l.contains("-v1-") && l.contains(" rate range=5m"))
                        .toList();
        assertEquals(1, windows.size(), text);
        assertTrue(text.contains("paned-window used by dyn_a, dyn_c"), text);
        assertTrue(!text.contains("dyn_b"), text);
    }

    private static String queryOf(List<View> views, String name) {
        return views.stream()
                .filter(v -> v.name().equals(name))
                .map(View::query)
                .findFirst()
                .orElse(name);
    }

    private static String viewOf(String key) {
        return key.substring(0, key.indexOf(' '));
    }

    /** The results read so far: finals up to the end step by key, early ones counted. */
    private static final class Collected
            implements Predicate<List<ConsumerRecord<byte[], byte[]>>> {
        final long end;
        final int wanted;
        final Map<String, Double> finals = new TreeMap<>();
        final Map<String, Long> lastStep = new HashMap<>();
        final List<String> duplicates = new ArrayList<>();
        final Set<String> earlyViews = new TreeSet<>();
        int early;
        int seen;

        Collected(long end, int wanted) {
            this.end = end;
            this.wanted = wanted;
        }

        @Override
        public boolean test(List<ConsumerRecord<byte[], byte[]>> records) {
            for (; seen < records.size(); seen++) {
                ResultRecord r = KafkaIo.decode(records.get(seen));
                if (r.kind() == ResultKind.EARLY) {
                    early++;
                    earlyViews.add(r.view());
                    continue;
                }
                lastStep.merge(r.view(), r.stepMillis(), Math::max);
                if (r.stepMillis() > end) {
                    continue;
                }
                String k = Expectations.key(r.view(), r.series(), r.stepMillis());
                if (finals.put(k, r.value()) != null) {
                    duplicates.add(k);
                }
            }
            return finals.size() >= wanted;
        }
    }
}
