package io.weir.job.bench;

import io.weir.connectors.testing.KafkaTestBroker;
import io.weir.job.JobConfig;
import io.weir.job.WeirJob;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.util.TestStreamEnvironment;
import org.apache.kafka.common.test.KafkaClusterTestKit;

/**
 * The job's speed: generated metrics written to Kafka first, then consumed by the Weir job with 1,
 * 2, 10 and 100 registered views, and by a hand-written Flink SQL job ({@link SqlJob}) for the
 * first two, on one MiniCluster (one task manager, two slots, parallelism 2) with the in-JVM Kafka
 * broker. Each configuration runs {@code bench.runs} times, interleaved; medians are printed.
 *
 * <p>Settings (system properties): {@code bench.series} (default 2000, ten per scrape target),
 * {@code bench.scrapes} (backlog scrapes at 15 s, default 240 = one hour), {@code bench.tail}
 * (scrapes sent live for the latency, default 8), {@code bench.pace.ms} (between live scrapes,
 * default 1000), {@code bench.runs} (default 3), {@code bench.views} (default {@code 1,2,10,100}),
 * {@code bench.sql} (default true), {@code bench.checkpoint.ms} (default 1000), {@code
 * bench.warmup} (unrecorded runs of the two-view jobs first, default 1), {@code bench.quiet.ms}
 * (see {@link #quiet}).
 *
 * <p>See {@link BenchRun} for what is measured.
 */
public final class JobBenchmark {
    private JobBenchmark() {}

    public static void main(String[] args) throws Exception {
        int series = Integer.getInteger("bench.series", 2000);
        int scrapes = Integer.getInteger("bench.scrapes", 240);
        int tail = Math.max(1, Integer.getInteger("bench.tail", 8));
        int runs = Integer.getInteger("bench.runs", 3);
        int warmups = Integer.getInteger("bench.warmup", 1);
        long paceMillis = Long.getLong("bench.pace.ms", 1000);
        long checkpointMillis = Long.getLong("bench.checkpoint.ms", 1000);
        boolean sql = Boolean.parseBoolean(System.getProperty("bench.sql", "true"));
        boolean ceiling = Boolean.parseBoolean(System.getProperty("bench.ceiling", "true"));
        int[] viewCounts =
                Arrays.stream(System.getProperty("bench.views", "1,2,10,100").split(","))
                        .mapToInt(s -> Integer.parseInt(s.strip()))
                        .toArray();
        machine();
        long span = (scrapes + tail) * BenchData.SCRAPE;
        long t0 = (System.currentTimeMillis() - span) / 60_000 * 60_000 - 60_000;
        BenchData data = new BenchData(Math.max(1, series / 10), t0);
        System.out.printf(
                Locale.ROOT,
                "data: %d series, %d backlog scrapes (%d samples), %d live scrapes every %d ms,"
                        + " checkpoint every %d ms, parallelism 2%n",
                data.seriesCount(),
                scrapes,
                (long) data.seriesCount() * scrapes,
                tail,
                paceMillis,
                checkpointMillis);

        Path work = Files.createTempDirectory("weir-job-bench");
        KafkaClusterTestKit kafka = KafkaTestBroker.start(List.of());
        Configuration flink = new Configuration();
        flink.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MemorySize.parse("512m"));
        flink.set(TaskManagerOptions.NETWORK_MEMORY_MIN, MemorySize.parse("128m"));
        flink.set(TaskManagerOptions.NETWORK_MEMORY_MAX, MemorySize.parse("128m"));
        flink.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        // Any free port: other clusters on the machine may hold the default one.
        flink.set(RestOptions.BIND_PORT, "0");
        MiniCluster cluster =
                new MiniCluster(
                        new MiniClusterConfiguration.Builder()
                                .setConfiguration(flink)
                                .setNumTaskManagers(1)
                                .setNumSlotsPerTaskManager(2)
                                .build());
        cluster.start();
        TestStreamEnvironment.setAsContext(cluster, 2);
        List<BenchRun.Outcome> outcomes = new ArrayList<>();
        List<Double> ceilings = new ArrayList<>();
        try {
            BenchRun.Setup setup =
                    new BenchRun.Setup(
                            kafka,
                            cluster,
                            data,
                            scrapes,
                            tail,
                            paceMillis,
                            checkpointMillis,
                            work);
            int id = 0;
            // The first jobs in a JVM pay for class loading and JIT compilation: not recorded.
            for (int w = 0; w < warmups; w++) {
                System.out.println("warm-up " + BenchRun.weir(setup, id++, 2).line());
                if (sql) {
                    System.out.println("warm-up " + BenchRun.sql(setup, id++).line());
                }
            }
            for (int r = 0; r < runs; r++) {
                for (int n : viewCounts) {
                    outcomes.add(BenchRun.weir(setup, id++, n));
                    System.out.println(outcomes.get(outcomes.size() - 1).line());
                }
                if (sql) {
                    outcomes.add(BenchRun.sql(setup, id++));
                    System.out.println(outcomes.get(outcomes.size() - 1).line());
                }
                if (ceiling) {
                    SourceCeiling.Outcome c = SourceCeiling.run(setup, id++);
                    System.out.println(c.line());
                    ceilings.add(c.samples() / c.seconds());
                }
            }
        } finally {
            TestStreamEnvironment.unsetAsContext();
            cluster.close();
            kafka.close();
        }
        BenchReport.print(outcomes, viewCounts, sql);
        if (!ceilings.isEmpty()) {
            System.out.printf(
                    Locale.ROOT,
                    "read and decode only (the ceiling of any job here), median of %d: %.0f"
                            + " samples/s%n",
                    ceilings.size(),
                    BenchReport.percentile(ceilings, 0.5));
        }
        machine();
    }

    private static void machine() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        System.out.printf(
                Locale.ROOT,
                "machine: %d cores, %s %s, Java %s, max heap %d MB, load average %.2f%n",
                Runtime.getRuntime().availableProcessors(),
                os.getName(),
                os.getArch(),
                System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() >> 20,
                os.getSystemLoadAverage());
    }

    static JobConfig config(BenchRun.Setup s, String id) {
        Properties p = new Properties();
        p.setProperty("bootstrap.servers", s.kafka().bootstrapServers());
        p.setProperty("topic.metrics", "bench.metrics." + id);
        p.setProperty("topic.queries", "bench.queries." + id);
        p.setProperty("topic.results", "bench.results." + id);
        p.setProperty("topic.dlq", "bench.dlq." + id);
        p.setProperty("parallelism", "2");
        p.setProperty("checkpoint.interval.ms", Long.toString(s.checkpointMillis()));
        p.setProperty("checkpoint.dir", s.work().resolve(id).toUri().toString());
        p.setProperty("watermark.out-of-orderness.ms", Long.toString(BenchRun.OUT_OF_ORDER));
        p.setProperty("watermark.idleness.ms", "0");
        p.setProperty("lateness.default.ms", Long.toString(BenchRun.LATENESS));
        p.setProperty("group.id", "bench-" + id);
        return JobConfig.fromProperties(p);
    }

    static Configuration flinkConfiguration(JobConfig config) {
        Configuration c = WeirJob.flinkConfiguration(config);
        c.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        return c;
    }

    /**
     * How long no new result must arrive before a phase counts as done: {@code bench.quiet.ms}
     * (default the larger of 5 s and four checkpoint intervals). Under backpressure aligned
     * checkpoints, and with them the results' commits, can stall longer; raise it on a loaded
     * machine and compare the result counts of the rounds.
     */
    static Duration quiet(long checkpointMillis) {
        return Duration.ofMillis(
                Long.getLong("bench.quiet.ms", Math.max(5_000, 4 * checkpointMillis)));
    }
}
