package io.weir.job;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * The job's settings, from a properties file ({@code --config file}) and {@code --key value}
 * arguments, arguments winning.
 *
 * @param bootstrapServers Kafka bootstrap servers ({@code bootstrap.servers})
 * @param metricsTopic {@code topic.metrics}, binary sample batches
 * @param queriesTopic {@code topic.queries}
 * @param resultsTopic {@code topic.results}
 * @param deadLetterTopic {@code topic.dlq}
 * @param parallelism {@code parallelism}; 0 (the default) leaves it to Flink: {@code flink run -p},
 *     {@code weir submit --parallelism} or the cluster's {@code parallelism.default}
 * @param checkpointInterval {@code checkpoint.interval.ms}
 * @param checkpointDir {@code checkpoint.dir}, a URI; null for none
 * @param defaultLateness {@code lateness.default.ms}: the lateness of a view registered with 0
 * @param outOfOrderness {@code watermark.out-of-orderness.ms}
 * @param idleness {@code watermark.idleness.ms}: a partition without samples this long stops
 *     holding back the watermark. Longer than any scrape interval by default (5 minutes): scrapes
 *     arrive in bursts, and when every partition goes idle between two of them, the partition whose
 *     samples are read first moves event time alone and the others' points of a step can reach the
 *     aggregation after it finalised the step.
 * @param maxFuture {@code watermark.max-future.ms}: how far a sample may lie ahead of its Kafka
 *     record's timestamp (1 day by default); one further ahead (a timestamp in the wrong unit, a
 *     broken clock) goes to the dead letters instead of moving its partition's event time there
 * @param groupId {@code group.id} of the job's consumers
 */
public record JobConfig(
        String bootstrapServers,
        String metricsTopic,
        String queriesTopic,
        String resultsTopic,
        String deadLetterTopic,
        int parallelism,
        Duration checkpointInterval,
        String checkpointDir,
        Duration defaultLateness,
        Duration outOfOrderness,
        Duration idleness,
        Duration maxFuture,
        String groupId) {

    /** Reads {@code --config file} and {@code --key value} pairs. */
    public static JobConfig fromArgs(String[] args) throws IOException {
        Properties p = new Properties();
        Properties overrides = new Properties();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --key value, got " + a);
            }
            String value = args[++i];
            if (a.equals("--config")) {
                try (Reader r = Files.newBufferedReader(Path.of(value), StandardCharsets.UTF_8)) {
                    p.load(r);
                }
            } else {
                overrides.setProperty(a.substring(2), value);
            }
        }
        p.putAll(overrides);
        return fromProperties(p);
    }

    /** Every setting the job reads. */
    static final Set<String> KEYS =
            Set.of(
                    "bootstrap.servers",
                    "topic.metrics",
                    "topic.queries",
                    "topic.results",
                    "topic.dlq",
                    "parallelism",
                    "checkpoint.interval.ms",
                    "checkpoint.dir",
                    "lateness.default.ms",
                    "watermark.out-of-orderness.ms",
                    "watermark.idleness.ms",
                    "watermark.max-future.ms",
                    "group.id");

    /**
     * The settings of {@code p}, defaults for the missing ones.
     *
     * @throws IllegalArgumentException for a key the job does not know (a misspelt setting would
     *     otherwise be ignored) or a number that does not parse
     */
    public static JobConfig fromProperties(Properties p) {
        for (String key : p.stringPropertyNames()) {
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException(
                        "unknown setting \""
                                + key
                                + "\"; the job's settings are "
                                + String.join(", ", new TreeSet<>(KEYS)));
            }
        }
        return new JobConfig(
                p.getProperty("bootstrap.servers", "localhost:9092"),
                p.getProperty("topic.metrics", "weir.metrics"),
                p.getProperty("topic.queries", "weir.queries"),
                p.getProperty("topic.results", "weir.results"),
                p.getProperty("topic.dlq", "weir.dlq"),
                (int) number(p, "parallelism", 0),
                millis(p, "checkpoint.interval.ms", 10_000),
                p.getProperty("checkpoint.dir"),
                millis(p, "lateness.default.ms", 60_000),
                millis(p, "watermark.out-of-orderness.ms", 30_000),
                millis(p, "watermark.idleness.ms", 300_000),
                millis(p, "watermark.max-future.ms", 86_400_000),
                p.getProperty("group.id", "weir-job"));
    }

    private static Duration millis(Properties p, String key, long dflt) {
        return Duration.ofMillis(number(p, key, dflt));
    }

    private static long number(Properties p, String key, long dflt) {
        String v = p.getProperty(key);
        if (v == null) {
            return dflt;
        }
        try {
            long n = Long.parseLong(v.strip());
            if (n < 0 || (key.equals("parallelism") && n > Integer.MAX_VALUE)) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "setting \""
                            + key
                            + "\" must be a whole number of 0 or more, got \""
                            + v
                            + "\"",
                    e);
        }
    }
}
