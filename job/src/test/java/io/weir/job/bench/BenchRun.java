package io.weir.job.bench;

import io.weir.connectors.codec.QueryControl;
import io.weir.connectors.codec.QueryControlCodec;
import io.weir.connectors.codec.QueryRegistration;
import io.weir.job.JobConfig;
import io.weir.job.WeirJob;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.checkpoint.CompletedCheckpointStats;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;

/**
 * One measured run of a job over freshly written topics.
 *
 * <p><b>Throughput</b>: the backlog ({@code scrapes} scrapes of every series) is written to a new
 * metrics topic before the job starts; samples per second = backlog samples / (time from {@code
 * executeAsync} to the last new result seen by a read_committed consumer of the results topic, once
 * no new result came for {@link JobBenchmark#quiet}). This includes the job's start-up (about 1-2
 * s) and the last checkpoint's commit of the results transaction.
 *
 * <p><b>Latency</b>: then {@code tail} more scrapes are sent live, one every {@code pace}. A step
 * {@code t} becomes final when every partition's watermark (largest sample time - out-of-orderness
 * - 1 ms) reaches its timer: {@code t + lateness} for Weir, {@code t - 1 ms} for a SQL window
 * ending at {@code t}. The samples of a scrape lie 17 ms to 10 s after its start, so the scrape
 * whose earliest sample moves every partition past that point is known, and the one before it
 * cannot; the latency of a result is the time from that scrape's flush (all of its records acked by
 * the broker) to the result's first appearance at the read_committed consumer. It therefore
 * includes the watermark interval (200 ms), the job's work, and the wait for the checkpoint that
 * commits the results transaction.
 *
 * <p><b>State</b>: the last completed checkpoint's full state size and its incremental size (the
 * MiniCluster's checkpoint statistics), and the checkpoint directory's size on disk.
 */
final class BenchRun {
    static final long LATENESS = 15_000;
    static final long OUT_OF_ORDER = 11_000;

    record Setup(
            KafkaClusterTestKit kafka,
            MiniCluster cluster,
            BenchData data,
            int scrapes,
            int tail,
            long paceMillis,
            long checkpointMillis,
            Path work) {}

    /** What one run measured. */
    record Outcome(
            String kind,
            int views,
            long samples,
            double seconds,
            double cpuSeconds,
            int results,
            List<String> refused,
            List<Double> latenciesMillis,
            long stateBytes,
            long checkpointedBytes,
            long directoryBytes,
            Map<String, Double> avgView) {

        double samplesPerSecond() {
            return samples / seconds;
        }

        String line() {
            return String.format(
                    Locale.ROOT,
                    "run: %s %d views: %d samples in %.2f s = %.0f samples/s (%.1f CPU s), %d"
                            + " results,"
                            + " latency p50 %.0f ms p99 %.0f ms (%d results), state %s"
                            + " (checkpointed %s, directory %s)%s",
                    kind,
                    views,
                    samples,
                    seconds,
                    samplesPerSecond(),
                    cpuSeconds,
                    results,
                    BenchReport.percentile(latenciesMillis, 0.5),
                    BenchReport.percentile(latenciesMillis, 0.99),
                    latenciesMillis.size(),
                    BenchReport.bytes(stateBytes),
                    BenchReport.bytes(checkpointedBytes),
                    BenchReport.bytes(directoryBytes),
                    refused.isEmpty() ? "" : ", refused: " + refused);
        }
    }

    private BenchRun() {}

    static Outcome weir(Setup s, int id, int views) throws Exception {
        String name = "w" + id;
        JobConfig config = JobBenchmark.config(s, name);
        long samples = prepare(s, config);
        List<BenchViews.View> list = BenchViews.first(views);
        try (KafkaProducer<byte[], byte[]> producer = producer(s)) {
            for (BenchViews.View v : list) {
                QueryControl c =
                        new QueryControl.Register(
                                new QueryRegistration(
                                        v.name(),
                                        v.query(),
                                        Duration.ofMillis(BenchViews.STEP),
                                        Duration.ofMillis(LATENESS),
                                        Duration.ZERO));
                producer.send(
                                new ProducerRecord<>(
                                        config.queriesTopic(),
                                        0,
                                        s.data().t0() - 1,
                                        QueryControlCodec.encodeKey(c),
                                        QueryControlCodec.encodeValue(c)))
                        .get();
            }
        }
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(
                        JobBenchmark.flinkConfiguration(config));
        WeirJob.build(env, config);
        return measure(s, config, s.work().resolve(name), env, "weir", list, LATENESS, samples);
    }

    static Outcome sql(Setup s, int id) throws Exception {
        String name = "s" + id;
        JobConfig config = JobBenchmark.config(s, name);
        long samples = prepare(s, config);
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(
                        JobBenchmark.flinkConfiguration(config));
        SqlJob.build(env, config);
        return measure(
                s, config, s.work().resolve(name), env, "sql", BenchViews.first(2), -1, samples);
    }

    /** Creates the run's topics and writes the backlog; returns its sample count. */
    static long prepare(Setup s, JobConfig config) throws Exception {
        List<NewTopic> topics =
                List.of(
                        new NewTopic(config.metricsTopic(), 2, (short) 1),
                        new NewTopic(config.queriesTopic(), 1, (short) 1),
                        new NewTopic(config.resultsTopic(), 2, (short) 1),
                        new NewTopic(config.deadLetterTopic(), 1, (short) 1));
        try (Admin admin = Admin.create(s.kafka().clientProperties())) {
            admin.createTopics(topics).all().get();
            // Producing before every partition has its leader draws retries and errors.
            List<String> names = topics.stream().map(NewTopic::name).toList();
            while (!led(admin, names)) {
                Thread.sleep(50);
            }
            Thread.sleep(500);
        }
        try (KafkaProducer<byte[], byte[]> producer = producer(s)) {
            return s.data().send(producer, config.metricsTopic(), 0, s.scrapes());
        }
    }

    /** True once every partition of {@code topics} is known and has a leader. */
    private static boolean led(Admin admin, List<String> topics) throws InterruptedException {
        try {
            return admin.describeTopics(topics).allTopicNames().get().values().stream()
                    .flatMap(d -> d.partitions().stream())
                    .allMatch(p -> p.leader() != null && !p.leader().isEmpty());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return false; // created, but not yet in the broker's metadata
            }
            throw new IllegalStateException(e);
        }
    }

    private static Outcome measure(
            Setup s,
            JobConfig config,
            Path checkpoints,
            StreamExecutionEnvironment env,
            String kind,
            List<BenchViews.View> views,
            long fireOffset,
            long samples)
            throws Exception {
        Duration quiet = JobBenchmark.quiet(s.checkpointMillis());
        Properties client = s.kafka().clientProperties();
        try (ResultWatcher watcher = new ResultWatcher(client, config.resultsTopic());
                KafkaProducer<byte[], byte[]> producer = producer(s)) {
            long cpuStart = cpuNanos();
            ThreadCpu threads = ThreadCpu.start();
            long start = System.nanoTime();
            JobClient job = env.executeAsync("bench " + kind + " " + views.size());
            try {
                Runnable running = () -> assertRunning(job);
                long last = watcher.awaitQuiet(quiet, Duration.ofMinutes(30), running);
                if (last < 0) {
                    throw new IllegalStateException("no results within 30 minutes");
                }
                double seconds = (last - start) / 1e9;
                double cpuSeconds = (cpuNanos() - cpuStart) / 1e9;
                System.out.println("cpu by thread (s): " + threads.since(cpuSeconds));
                int results = watcher.seen().size();
                CompletedCheckpointStats checkpoint =
                        s.cluster()
                                .getExecutionGraph(job.getJobID())
                                .get()
                                .getCheckpointStatsSnapshot()
                                .getHistory()
                                .getLatestCompletedCheckpoint();
                long tailStart = System.nanoTime();
                long[] flushed = new long[s.tail()];
                for (int k = 0; k < s.tail(); k++) {
                    long begin = System.nanoTime();
                    s.data()
                            .send(
                                    producer,
                                    config.metricsTopic(),
                                    s.scrapes() + k,
                                    s.scrapes() + k + 1);
                    flushed[k] = System.nanoTime();
                    long sleep = s.paceMillis() - (flushed[k] - begin) / 1_000_000;
                    if (sleep > 0) {
                        Thread.sleep(sleep);
                    }
                }
                watcher.awaitQuiet(
                        quiet, Duration.ofMinutes(10), flushed[flushed.length - 1], running);
                List<Double> latencies = latencies(s, watcher, tailStart, flushed, fireOffset);
                List<String> refused = new ArrayList<>();
                for (BenchViews.View v : views) {
                    if (!watcher.perView().containsKey(v.name())) {
                        refused.add(v.name());
                    }
                }
                Map<String, Double> avg = new HashMap<>();
                watcher.seen()
                        .forEach(
                                (k, seen) -> {
                                    if (seen.result().view().equals(SqlJob.AVG_VIEW)) {
                                        avg.put(
                                                seen.result().series()
                                                        + " @"
                                                        + seen.result().stepMillis(),
                                                seen.result().value());
                                    }
                                });
                return new Outcome(
                        kind,
                        views.size(),
                        samples,
                        seconds,
                        cpuSeconds,
                        results,
                        refused,
                        latencies,
                        checkpoint == null ? -1 : checkpoint.getStateSize(),
                        checkpoint == null ? -1 : checkpoint.getCheckpointedSize(),
                        directorySize(checkpoints),
                        avg);
            } finally {
                job.cancel().get();
                try (Admin admin = Admin.create(client)) {
                    admin.deleteTopics(
                                    List.of(
                                            config.metricsTopic(),
                                            config.queriesTopic(),
                                            config.resultsTopic(),
                                            config.deadLetterTopic()))
                            .all()
                            .get();
                }
            }
        }
    }

    /** Latencies of the results made final by the live scrapes, in milliseconds. */
    private static List<Double> latencies(
            Setup s, ResultWatcher watcher, long tailStart, long[] flushed, long fireOffset) {
        List<Double> out = new ArrayList<>();
        for (ResultWatcher.Seen seen : watcher.seen().values()) {
            if (seen.nanos() <= tailStart) {
                continue;
            }
            long fire = seen.result().stepMillis() + fireOffset;
            for (int k = 0; k < flushed.length; k++) {
                int scrape = s.scrapes() + k;
                if (s.data().firstTimestamp(scrape) - OUT_OF_ORDER - 1 >= fire) {
                    // The scrape before must not have been able to make the step final.
                    if (s.data().lastTimestamp(scrape - 1) - OUT_OF_ORDER - 1 < fire) {
                        out.add((seen.nanos() - flushed[k]) / 1e6);
                    }
                    break;
                }
            }
        }
        return out;
    }

    /** CPU time of this whole JVM: the MiniCluster, the in-JVM broker and the benchmark. */
    static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean)
                        ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static long directorySize(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return -1;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .mapToLong(
                            p -> {
                                try {
                                    return Files.size(p);
                                } catch (IOException e) {
                                    return 0; // deleted by the job meanwhile
                                }
                            })
                    .sum();
        }
    }

    private static KafkaProducer<byte[], byte[]> producer(Setup s) {
        Properties p = new Properties();
        p.putAll(s.kafka().clientProperties());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        // In order per partition without the idempotent producer's sequence checks, which a
        // leader change on a new topic can break.
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
        return new KafkaProducer<>(p);
    }

    private static void assertRunning(JobClient job) {
        try {
            if (job.getJobStatus().get().isGloballyTerminalState()) {
                job.getJobExecutionResult().get();
                throw new IllegalStateException("the job ended");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the job failed", e);
        }
    }
}
