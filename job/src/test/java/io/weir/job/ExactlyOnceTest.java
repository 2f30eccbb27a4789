package io.weir.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weir.connectors.codec.ResultKind;
import io.weir.connectors.codec.ResultRecord;
import io.weir.connectors.codec.SampleBatch;
import io.weir.connectors.testing.KafkaTestBroker;
import io.weir.promql.eval.Engine;
import io.weir.promql.eval.EngineOptions;
import io.weir.promql.eval.MemorySampleStore;
import io.weir.promql.eval.QueryValue;
import io.weir.promql.model.Labels;
import io.weir.promql.model.StaleNaN;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.executiongraph.AccessExecutionGraph;
import org.apache.flink.runtime.executiongraph.AccessExecutionVertex;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly-once through a real failure: the job runs three views on a MiniCluster of two task
 * managers with one slot each (parallelism 2 fills both), samples flow, and once results have been
 * committed a task manager is terminated while more samples arrive. The job restarts from its last
 * checkpoint on a fresh task manager (fixed-delay restarts), replays its input from the
 * checkpointed offsets, and aborts the results transactions it had open. A read_committed consumer
 * of the results topic must then see every (view, series, step) final result exactly once, with the
 * evaluator's value for the same query and step on the same samples.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ExactlyOnceTest {
    private static final String METRICS = "weir.metrics";
    private static final String QUERIES = "weir.queries";
    private static final String RESULTS = "weir.results";
    private static final String DLQ = "weir.dlq";
    private static final String GROUP = "weir-eos";
    private static final long LATENESS = 10_000;
    private static final long SCRAPE = 15_000;
    private static final int SCRAPES = 160;

    /** Scrapes sent before the failure can happen: their steps are committed first. */
    private static final int FIRST = 60;

    /** Views of shapes the job runs (see the package documentation). */
    private static final List<View> VIEWS =
            List.of(
                    new View("eo_rate", 30_000, "sum by (job) (rate(x[1m]))"),
                    new View("eo_max", 30_000, "max_over_time(y[2m])"),
                    new View("eo_selector", 60_000, "x"));

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(2)
                            .setNumberSlotsPerTaskManager(1)
                            .build());

    private static KafkaClusterTestKit kafka;

    record View(String name, long stepMillis, String query) {}

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
    void everyFinalResultIsCommittedOnceThroughATaskManagerFailure(
            @InjectMiniCluster MiniCluster cluster, @TempDir Path checkpoints) throws Exception {
        ExactlyOnceKafka io = new ExactlyOnceKafka(kafka.clientProperties());
        long t0 = (System.currentTimeMillis() / 60_000 + 2) * 60_000;
        long end = t0 + SCRAPES * SCRAPE + 10 * 60_000;
        List<SampleBatch> data = generate(t0);

        Properties props = new Properties();
        props.setProperty("bootstrap.servers", kafka.bootstrapServers());
        props.setProperty("parallelism", "2");
        props.setProperty("checkpoint.interval.ms", "500");
        props.setProperty("checkpoint.dir", checkpoints.toUri().toString());
        props.setProperty("watermark.out-of-orderness.ms", "5000");
        props.setProperty("watermark.idleness.ms", "0");
        props.setProperty("group.id", GROUP);
        JobConfig config = JobConfig.fromProperties(props);
        Configuration flink = WeirJob.flinkConfiguration(config);
        flink.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        flink.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
        flink.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofSeconds(1));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flink);
        WeirJob.build(env, config);
        JobClient job = env.executeAsync("weir exactly-once test");
        JobID id = job.getJobID();
        Runnable running = () -> assertRunning(job);
        try (ExactlyOnceKafka.Sender producer = io.sender()) {
            for (View v : VIEWS) {
                producer.send(
                        ExactlyOnceKafka.registration(
                                QUERIES, v.name(), v.query(), v.stepMillis(), LATENESS, t0 - 1));
            }
            producer.flush();
            io.awaitCommitted(GROUP + "-queries", QUERIES, running);

            // Before the failure: enough scrapes that steps become final and get committed.
            int first = 0;
            while (first < data.size() && data.get(first).timestamp(0) < t0 + FIRST * SCRAPE) {
                producer.send(ExactlyOnceKafka.samples(METRICS, data.get(first++)));
            }
            producer.flush();
            List<ResultRecord> before =
                    io.read(
                            RESULTS,
                            "read_committed",
                            Duration.ofSeconds(30),
                            Duration.ZERO,
                            r -> !r.isEmpty(),
                            running);
            assertTrue(!before.isEmpty(), "no result committed before the failure");
            assertTrue(completedCheckpoints(cluster, id) > 0, "no checkpoint completed");

            // The rest flows while a task manager goes away; a fresh one takes its slot.
            List<SampleBatch> rest = data.subList(first, data.size());
            CompletableFuture<Void> sending =
                    CompletableFuture.runAsync(() -> sendPaced(producer, rest));
            Thread.sleep(700);
            System.out.printf(
                    "failure: a task manager terminated after %d s of samples, results committed"
                            + " up to step +%d s%n",
                    FIRST * SCRAPE / 1000,
                    (before.stream().mapToLong(ResultRecord::stepMillis).max().orElse(t0) - t0)
                            / 1000);
            cluster.terminateTaskManager(0).get();
            cluster.startTaskManager();
            sending.get();
            Labels clock = Labels.of("__name__", "weir_test_clock");
            for (int partition = 0; partition < 2; partition++) {
                producer.send(
                        ExactlyOnceKafka.samples(
                                METRICS, partition, SampleBatch.of(clock, end + 3_600_000, 1)));
            }
            producer.flush();

            Map<String, Double> expected = expected(data, t0, end);
            List<ResultRecord> committed =
                    io.read(
                            RESULTS,
                            "read_committed",
                            Duration.ofSeconds(60),
                            // Three more checkpoints: a step written twice would show.
                            Duration.ofMillis(1_500),
                            r -> keys(r).containsAll(expected.keySet()),
                            running);
            assertTrue(restarts(cluster, id) > 0, "the job did not restart");
            List<ResultRecord> uncommitted =
                    io.read(
                            RESULTS,
                            "read_uncommitted",
                            Duration.ZERO,
                            Duration.ZERO,
                            r -> true,
                            running);
            check(expected, committed, uncommitted);
        } finally {
            job.cancel().get();
        }
    }

    /** Compares what was committed with the evaluator and prints the summary line. */
    private static void check(
            Map<String, Double> expected,
            List<ResultRecord> committed,
            List<ResultRecord> uncommitted) {
        Map<String, Integer> seen = new HashMap<>();
        Map<String, Double> actual = new TreeMap<>();
        for (ResultRecord r : finals(committed)) {
            String k = key(r.view(), r.series(), r.stepMillis());
            seen.merge(k, 1, Integer::sum);
            actual.put(k, r.value());
        }
        int duplicates = seen.values().stream().mapToInt(n -> n - 1).sum();
        Map<String, List<Double>> dupValues = new TreeMap<>();
        for (ResultRecord r : finals(committed)) {
            String k = key(r.view(), r.series(), r.stepMillis());
            if (seen.get(k) > 1) {
                dupValues.computeIfAbsent(k, x -> new ArrayList<>()).add(r.value());
            }
        }
        dupValues.entrySet().stream()
                .limit(10)
                .forEach(e -> System.out.println("duplicate " + e.getKey() + " " + e.getValue()));
        List<String> wrong = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, Double> e : expected.entrySet()) {
            Double got = actual.get(e.getKey());
            if (got == null) {
                missing.add(e.getKey());
            } else if (!close(e.getValue(), got)) {
                wrong.add(e.getKey() + " expected " + e.getValue() + " got " + got);
            }
        }
        for (Map.Entry<String, Double> e : actual.entrySet()) {
            if (!expected.containsKey(e.getKey())) {
                wrong.add(e.getKey() + " not in the evaluator's result, got " + e.getValue());
            }
        }
        Map<String, Integer> seenUncommitted = new HashMap<>();
        finals(uncommitted)
                .forEach(
                        r ->
                                seenUncommitted.merge(
                                        key(r.view(), r.series(), r.stepMillis()),
                                        1,
                                        Integer::sum));
        int uncommittedDuplicates = seenUncommitted.values().stream().mapToInt(n -> n - 1).sum();
        System.out.printf(
                "read_uncommitted: %d records, %d more than read_committed (aborted), %d"
                        + " duplicate final results%n",
                uncommitted.size(), uncommitted.size() - committed.size(), uncommittedDuplicates);
        System.out.printf(
                "exactly-once: %d results, %d duplicates, %d wrong, %d missing%n",
                actual.size(), duplicates, wrong.size(), missing.size());
        wrong.stream().limit(10).forEach(System.out::println);
        missing.stream().limit(10).forEach(k -> System.out.println("missing " + k));
        assertTrue(expected.size() > 500, "the data produced only " + expected.size());
        assertEquals(0, duplicates, "final results committed more than once");
        assertEquals(List.of(), wrong.stream().limit(10).toList());
        assertEquals(List.of(), missing.stream().limit(10).toList());
    }

    /**
     * Final results other than staleness markers: the evaluator's range query has no point where a
     * view emits a marker for a series that went away.
     */
    private static List<ResultRecord> finals(List<ResultRecord> records) {
        return records.stream()
                .filter(r -> r.kind() == ResultKind.FINAL && !StaleNaN.isStale(r.value()))
                .toList();
    }

    private static Set<String> keys(List<ResultRecord> records) {
        Set<String> keys = new HashSet<>();
        finals(records).forEach(r -> keys.add(key(r.view(), r.series(), r.stepMillis())));
        return keys;
    }

    /** The evaluator's range query of every view over {@code [t0, end]}, point by point. */
    private static Map<String, Double> expected(List<SampleBatch> data, long t0, long end) {
        MemorySampleStore store = new MemorySampleStore();
        for (SampleBatch b : data) {
            store.append(b.labels(), b.timestamp(0), b.value(0));
        }
        Map<String, Double> expected = new TreeMap<>();
        try (Engine engine = new Engine(EngineOptions.defaults())) {
            for (View v : VIEWS) {
                QueryValue.Matrix m = engine.rangeQuery(store, v.query(), t0, end, v.stepMillis());
                for (QueryValue.Series s : m.series()) {
                    for (int i = 0; i < s.size(); i++) {
                        expected.put(key(v.name(), s.labels(), s.timestamps()[i]), s.values()[i]);
                    }
                }
            }
        }
        return expected;
    }

    /** One scrape's samples every 40 ms: results keep being written while the failure happens. */
    private static void sendPaced(ExactlyOnceKafka.Sender producer, List<SampleBatch> rest) {
        long scrape = -1;
        for (SampleBatch b : rest) {
            long s = Math.floorDiv(b.timestamp(0), SCRAPE);
            if (s != scrape && scrape >= 0) {
                producer.flush();
                try {
                    Thread.sleep(40);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
            scrape = s;
            producer.send(ExactlyOnceKafka.samples(METRICS, b));
        }
        producer.flush();
    }

    /**
     * Counters {@code x} of three jobs with four instances each (one resets), gauges {@code y} of
     * four rooms, every series scraped every 15 s at its own phase; in time order.
     */
    static List<SampleBatch> generate(long t0) {
        Random random = new Random(7);
        List<SampleBatch> out = new ArrayList<>();
        double[] counts = new double[12];
        for (int i = 0; i < SCRAPES; i++) {
            long scrape = t0 + i * SCRAPE;
            for (int c = 0; c < counts.length; c++) {
                counts[c] += random.nextInt(100);
                if (c == 5 && i == 90) {
                    counts[c] = 1; // a counter reset after the failure
                }
                Labels l =
                        Labels.of(
                                "__name__",
                                "x",
                                "job",
                                List.of("api", "web", "db").get(c % 3),
                                "instance",
                                "i" + c / 3);
                out.add(SampleBatch.of(l, scrape + 500 + c * 1_000L, counts[c]));
            }
            for (int g = 0; g < 4; g++) {
                Labels l = Labels.of("__name__", "y", "room", "r" + g);
                out.add(
                        SampleBatch.of(
                                l, scrape + 700 + g * 2_000L, 20 + random.nextDouble() * 10));
            }
        }
        out.sort(Comparator.comparingLong(b -> b.timestamp(0)));
        return out;
    }

    private static long completedCheckpoints(MiniCluster cluster, JobID id) throws Exception {
        AccessExecutionGraph g = cluster.getExecutionGraph(id).get();
        return g.getCheckpointStatsSnapshot().getCounts().getNumberOfCompletedCheckpoints();
    }

    /** The highest attempt number of any task: more than zero once the job restarted. */
    private static int restarts(MiniCluster cluster, JobID id) throws Exception {
        int max = 0;
        for (AccessExecutionVertex v :
                cluster.getExecutionGraph(id).get().getAllExecutionVertices()) {
            max = Math.max(max, v.getCurrentExecutionAttempt().getAttemptNumber());
        }
        return max;
    }

    private static void assertRunning(JobClient job) {
        try {
            if (job.getJobStatus().get().isGloballyTerminalState()) {
                job.getJobExecutionResult().get();
                throw new AssertionError("the job ended");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new AssertionError("the job failed", e);
        }
    }

    private static boolean close(double want, double got) {
        if (Double.isNaN(want) || Double.isNaN(got)) {
            return Double.isNaN(want) && Double.isNaN(got);
        }
        return want == got
                || Math.abs(want - got) <= 1e-9 * Math.max(Math.abs(want), Math.abs(got));
    }

    private static String key(String view, Labels labels, long step) {
        return view + " " + labels + " @" + step;
    }
}
