package io.weir.job.cluster;

import io.weir.connectors.codec.MetricBatchCodec;
import io.weir.connectors.codec.QueryControl;
import io.weir.connectors.codec.QueryControlCodec;
import io.weir.connectors.codec.QueryRegistration;
import io.weir.connectors.codec.SampleBatch;
import io.weir.promql.eval.Engine;
import io.weir.promql.eval.EngineOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The production topology as processes on this machine: a Kafka broker, a Flink JobManager and
 * TaskManager, the shaded job jar submitted with {@code weir submit}; and the client side of the
 * drills: the producer of metrics and registrations, the reader of committed results, and the
 * evaluator that says what they must be.
 */
final class Topology {
    static final String METRICS = "weir.metrics";
    static final String QUERIES = "weir.queries";
    static final String RESULTS = "weir.results";
    static final String DLQ = "weir.dlq";
    static final String GROUP = "weir-drills";
    static final int METRICS_PARTITIONS = 2;
    static final long LATENESS_MILLIS = 10_000;
    static final long OUT_OF_ORDERNESS_MILLIS = 5_000;

    final KafkaBroker kafka;
    final FlinkCluster flink;
    final FlinkRest rest;
    final Workload workload;
    private final Path dir;
    private final Path jar;
    private final Path serverJar;
    private final KafkaProducer<byte[], byte[]> producer;
    private final ResultLog results;
    private final Engine engine = new Engine(EngineOptions.defaults());
    private final List<Workload.View> views = new ArrayList<>();
    private String jobId;
    private int submits;
    private int scrapes;
    private long checkedThrough = Long.MIN_VALUE;

    private Topology(
            Path dir,
            KafkaBroker kafka,
            FlinkCluster flink,
            Path jar,
            Path serverJar,
            Workload workload) {
        this.dir = dir;
        this.kafka = kafka;
        this.flink = flink;
        this.rest = new FlinkRest(flink.restUrl());
        this.jar = jar;
        this.serverJar = serverJar;
        this.workload = workload;
        Properties p = kafka.clientProperties();
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        this.producer = new KafkaProducer<>(p);
        this.results = new ResultLog(kafka.bootstrapServers(), RESULTS);
    }

    /**
     * Starts the broker (and the topics), the JobManager and one TaskManager; the job jar {@code
     * jar} is submitted with the command line of {@code serverJar}.
     */
    static Topology start(
            Path dir, Path kafkaClasspath, Path flinkClasspath, Path jar, Path serverJar)
            throws Exception {
        KafkaBroker kafka = KafkaBroker.start(dir.resolve("kafka"), kafkaClasspath);
        kafka.createTopics(
                List.of(
                        new NewTopic(METRICS, METRICS_PARTITIONS, (short) 1),
                        new NewTopic(QUERIES, 1, (short) 1)
                                .configs(
                                        Map.of(
                                                TopicConfig.CLEANUP_POLICY_CONFIG,
                                                TopicConfig.CLEANUP_POLICY_COMPACT)),
                        new NewTopic(RESULTS, 2, (short) 1),
                        new NewTopic(DLQ, 1, (short) 1)));
        FlinkCluster flink = FlinkCluster.start(dir.resolve("flink"), flinkClasspath);
        flink.startTaskManager();
        // Event time three hours back, on the hour: every step grid starts there, and no record
        // is stamped in the future.
        long t0 = (System.currentTimeMillis() / 3_600_000 - 3) * 3_600_000;
        Topology t = new Topology(dir, kafka, flink, jar, serverJar, new Workload(t0));
        t.rest.awaitTaskManagers(1, Duration.ofMinutes(1));
        return t;
    }

    String jobId() {
        return jobId;
    }

    int scrapes() {
        return scrapes;
    }

    /** The last step every view had final by the last {@link #check()}. */
    long checkedThrough() {
        return checkedThrough;
    }

    /**
     * Submits the job jar with {@code weir submit} at {@code parallelism}, from a savepoint when
     * one is given, and waits until the job runs.
     */
    String submit(int parallelism, String savepoint) throws Exception {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "submit",
                                "--flink",
                                flink.restUrl(),
                                "--jar",
                                jar.toString(),
                                "--parallelism",
                                Integer.toString(parallelism)));
        if (savepoint != null) {
            args.addAll(List.of("--from-savepoint", savepoint));
        }
        args.addAll(
                List.of(
                        "--",
                        "--bootstrap.servers",
                        kafka.bootstrapServers(),
                        "--group.id",
                        GROUP,
                        "--checkpoint.interval.ms",
                        "1000",
                        "--checkpoint.dir",
                        flink.checkpoints().toUri().toString(),
                        "--lateness.default.ms",
                        Long.toString(LATENESS_MILLIS),
                        "--watermark.out-of-orderness.ms",
                        Long.toString(OUT_OF_ORDERNESS_MILLIS),
                        // The clock samples reach every partition; none goes idle.
                        "--watermark.idleness.ms",
                        "0"));
        submits++;
        JavaProcess.Finished f =
                JavaProcess.runJar(
                        serverJar, args, dir.resolve("submit-" + submits), Duration.ofMinutes(3));
        if (f.status() != 0) {
            throw new IOException("weir submit exited with " + f.status() + ": " + f.err().strip());
        }
        jobId = jobId(f.out());
        rest.awaitRunning(jobId, Duration.ofMinutes(2));
        return jobId;
    }

    /** The job id {@code weir submit} printed: its last line, 32 hexadecimal digits. */
    static String jobId(String out) throws IOException {
        List<String> lines = out.strip().lines().toList();
        String id = lines.isEmpty() ? "" : lines.get(lines.size() - 1).strip();
        boolean hex = id.length() == 32;
        for (int i = 0; hex && i < id.length(); i++) {
            hex = Character.digit(id.charAt(i), 16) >= 0;
        }
        if (!hex) {
            throw new IOException("weir submit printed no job id: \"" + out.strip() + "\"");
        }
        return id;
    }

    /**
     * Registers a view on the queries topic, stamped just before scrape {@code atScrape} so that it
     * starts there, and waits until the job has taken it in.
     */
    void register(String[] spec, int atScrape) throws Exception {
        long start = workload.at(atScrape);
        Workload.View v = Workload.view(spec, start);
        QueryControl c =
                new QueryControl.Register(
                        new QueryRegistration(
                                v.name(),
                                v.query(),
                                Duration.ofMillis(v.stepMillis()),
                                Duration.ofMillis(LATENESS_MILLIS),
                                Duration.ZERO));
        producer.send(
                        new ProducerRecord<>(
                                QUERIES,
                                0,
                                start - 1,
                                QueryControlCodec.encodeKey(c),
                                QueryControlCodec.encodeValue(c)))
                .get();
        views.add(v);
    }

    /**
     * Waits until the job's queries consumer committed the end of the queries topic: offsets are
     * committed when a checkpoint completes, after every stage has taken in the registrations
     * before its barrier.
     */
    void awaitRegistered(Duration timeout) throws Exception {
        try (Admin admin = Admin.create(kafka.clientProperties())) {
            TopicPartition tp = new TopicPartition(QUERIES, 0);
            long end =
                    admin.listOffsets(Map.of(tp, OffsetSpec.latest()))
                            .partitionResult(tp)
                            .get()
                            .offset();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                OffsetAndMetadata o =
                        admin.listConsumerGroupOffsets(GROUP + "-queries")
                                .partitionsToOffsetAndMetadata()
                                .get()
                                .get(tp);
                if (o != null && o.offset() >= end) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new IOException("the job did not take in the registrations");
                }
                Thread.sleep(100);
            }
        }
    }

    /** Produces the scrapes up to (excluding) {@code until}, a minute of event time at a time. */
    void produceUntil(int until) throws Exception {
        while (scrapes < until) {
            for (SampleBatch b : workload.scrape(scrapes)) {
                var unused =
                        producer.send(
                                new ProducerRecord<>(
                                        METRICS,
                                        MetricBatchCodec.encodeKey(b.labels()),
                                        MetricBatchCodec.encodeValue(b)));
            }
            scrapes++;
            if (scrapes % 4 == 0) {
                producer.flush();
                Thread.sleep(20);
            }
        }
        producer.flush();
    }

    /**
     * Sends the clock to every partition at the current end of the data and checks every view: all
     * steps that are final by then, against the evaluator.
     */
    ResultLog.Verdict check() throws Exception {
        long end = workload.at(scrapes);
        for (int p = 0; p < METRICS_PARTITIONS; p++) {
            producer.send(
                            new ProducerRecord<>(
                                    METRICS,
                                    p,
                                    null,
                                    MetricBatchCodec.encodeValue(
                                            SampleBatch.of(Workload.CLOCK, end, 1))))
                    .get();
        }
        // A step t is final once the watermark (end - out-of-orderness - 1) reaches t + lateness.
        long bound = end - OUT_OF_ORDERNESS_MILLIS - 1 - LATENESS_MILLIS;
        ResultLog.Verdict v = results.check(expected(bound, true), bound, Duration.ofSeconds(90));
        checkedThrough = bound;
        return v;
    }

    /**
     * The evaluator's answer for every registered view, each from its first step to {@code end},
     * with the staleness markers views write or without (as a query answers).
     */
    Map<ResultKey, Double> expected(long end, boolean staleness) {
        Map<ResultKey, Double> expected = new HashMap<>();
        for (Workload.View v : views) {
            workload.expect(expected, engine, v, end, staleness);
        }
        return expected;
    }

    List<Workload.View> views() {
        return List.copyOf(views);
    }

    /** Stops every process the topology started. */
    void stop() throws Exception {
        producer.close();
        results.close();
        engine.close();
        flink.stop();
        kafka.stop();
    }
}
