package io.weir.server.e2e;

import io.weir.server.client.ApiException;
import io.weir.server.client.FlinkRestClient;
import io.weir.server.demo.ChildProcess;
import io.weir.server.demo.KafkaProcess;
import io.weir.server.demo.WeirHome;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;

/**
 * The three processes of the end-to-end test, as {@code weir demo} starts them but without the
 * generator: a one-node KRaft broker, {@code weir serve --kafka}, and the Flink job on a local
 * MiniCluster. Every process is stopped by {@link #stop()} and, should the test JVM end first, by a
 * shutdown hook.
 */
final class Cluster {
    private static final Duration READY = Duration.ofMinutes(2);

    private final WeirHome home;
    private final Path dir;
    private final Path logs;
    private final List<ChildProcess> children = new ArrayList<>();
    private final Thread hook = new Thread(this::kill, "e2e-stop-children");
    private String kafka;
    private String api;
    private String flink;

    Cluster(WeirHome home, Path dir) {
        this.home = home;
        this.dir = dir;
        this.logs = dir.resolve("logs");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    String kafka() {
        return kafka;
    }

    String api() {
        return api;
    }

    String flink() {
        return flink;
    }

    Path logs() {
        return logs;
    }

    /** Starts the broker and creates the topics. */
    void startBroker() throws IOException, InterruptedException {
        Path kdir = dir.resolve("kafka");
        Files.createDirectories(kdir);
        int port = freePort();
        int controller = freePort();
        while (controller == port) {
            controller = freePort();
        }
        kafka = "127.0.0.1:" + port;
        Path config = kdir.resolve("server.properties");
        // The broker's own settings, as the demo's: the test's hour lies up to 67 minutes ahead of
        // the clock, which the default log.message.timestamp.after.max.ms (1 h) must not refuse.
        Files.writeString(
                config,
                KafkaProcess.serverProperties(kdir, port, controller, Map.of()),
                StandardCharsets.UTF_8);
        Path log4j = kdir.resolve("log4j2.properties");
        Files.writeString(
                log4j,
                """
                status = warn
                appender.out.type = Console
                appender.out.name = out
                appender.out.layout.type = PatternLayout
                appender.out.layout.pattern = %d{HH:mm:ss.SSS} %-5p %c{1} - %m%n
                rootLogger.level = warn
                rootLogger.appenderRef.out.ref = out
                """,
                StandardCharsets.UTF_8);
        String cp = home.classpath("kafka");
        List<String> jvm =
                List.of("-Xmx512m", "-Xms128m", "-Dlog4j2.configurationFile=" + log4j.toUri());
        ChildProcess.run(
                "kafka-format",
                java(
                        cp,
                        jvm,
                        "kafka.tools.StorageTool",
                        List.of(
                                "format",
                                "-t",
                                Uuid.randomUuid().toString(),
                                "-c",
                                config.toString(),
                                "--standalone")),
                logs.resolve("kafka-format.log"),
                Duration.ofMinutes(1));
        ChildProcess broker =
                ChildProcess.start(
                        "Kafka broker",
                        java(cp, jvm, "kafka.Kafka", List.of(config.toString())),
                        logs.resolve("kafka.log"));
        children.add(broker);
        Properties p = new Properties();
        p.setProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        p.setProperty(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "3000");
        p.setProperty(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000");
        long deadline = System.nanoTime() + READY.toNanos();
        while (true) {
            if (!broker.isAlive()) {
                throw new IOException("the broker exited:\n" + broker.tail());
            }
            try (Admin admin = Admin.create(p)) {
                admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
                admin.createTopics(
                                List.of(
                                        new NewTopic("weir.metrics", 4, (short) 1),
                                        new NewTopic("weir.queries", 1, (short) 1)
                                                .configs(Map.of("cleanup.policy", "compact")),
                                        new NewTopic("weir.results", 4, (short) 1),
                                        new NewTopic("weir.dlq", 1, (short) 1)))
                        .all()
                        .get(30, TimeUnit.SECONDS);
                return;
            } catch (ExecutionException | TimeoutException e) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("the broker is not ready: " + e, e);
                }
            }
            Thread.sleep(250);
        }
    }

    /** Starts {@code weir serve --kafka ... --data-dir ...}; returns once it listens. */
    void startServer() throws IOException, InterruptedException {
        ChildProcess server =
                ChildProcess.start(
                        "Weir server",
                        java(
                                System.getProperty("java.class.path"),
                                List.of("-Xmx768m"),
                                "io.weir.server.cli.Main",
                                List.of(
                                        "serve",
                                        "--listen",
                                        "127.0.0.1:0",
                                        "--kafka",
                                        kafka,
                                        "--data-dir",
                                        dir.resolve("server").toString())),
                        logs.resolve("server.log"));
        children.add(server);
        String marker = "serving Prometheus's query API at ";
        String line = server.awaitLine(l -> l.contains(marker), READY);
        api = line.substring(line.indexOf(marker) + marker.length()).strip();
        if (api.endsWith("/")) {
            api = api.substring(0, api.length() - 1);
        }
    }

    /** Starts the job with the demo's settings; returns once Flink says it is RUNNING. */
    void startJob() throws IOException, InterruptedException {
        Path jar =
                home.jobJar().orElseThrow(() -> new IOException("no job jar: " + home.buildHint()));
        Path log4j = dir.resolve("flink-log4j2.properties");
        Files.writeString(
                log4j,
                """
                status = warn
                appender.out.type = Console
                appender.out.name = out
                appender.out.layout.type = PatternLayout
                appender.out.layout.pattern = %d{HH:mm:ss.SSS} %-5p %c{1} - %m%n
                rootLogger.level = info
                rootLogger.appenderRef.out.ref = out
                logger.kafka.name = org.apache.kafka
                logger.kafka.level = warn
                """,
                StandardCharsets.UTF_8);
        List<String> jvm = new ArrayList<>();
        for (String pkg :
                List.of(
                        "java.lang",
                        "java.util",
                        "java.time",
                        "java.net",
                        "java.nio",
                        "java.io",
                        "java.lang.reflect",
                        "java.util.concurrent")) {
            jvm.add("--add-opens=java.base/" + pkg + "=ALL-UNNAMED");
        }
        jvm.add("-Xmx1g");
        jvm.add("-Dlog4j2.configurationFile=" + log4j.toUri());
        ChildProcess job =
                ChildProcess.start(
                        "Flink job",
                        java(
                                home.classpath("flink") + File.pathSeparator + jar,
                                jvm,
                                "io.weir.job.WeirJob",
                                List.of(
                                        "--bootstrap.servers",
                                        kafka,
                                        "--parallelism",
                                        "2",
                                        "--checkpoint.interval.ms",
                                        "2000",
                                        "--checkpoint.dir",
                                        dir.resolve("flink/checkpoints").toUri().toString(),
                                        "--watermark.out-of-orderness.ms",
                                        "2000",
                                        "--lateness.default.ms",
                                        "10000")),
                        logs.resolve("flink.log"));
        children.add(job);
        String marker = "Rest endpoint listening at ";
        String line = job.awaitLine(l -> l.contains(marker), READY);
        flink = "http://" + line.substring(line.indexOf(marker) + marker.length()).strip();
        FlinkRestClient client = new FlinkRestClient(URI.create(flink), Duration.ofSeconds(5));
        long deadline = System.nanoTime() + READY.toNanos();
        while (true) {
            if (!job.isAlive()) {
                throw new IOException("the Flink job exited:\n" + job.tail());
            }
            try {
                for (var j : client.jobsOverview().path("jobs")) {
                    if (j.path("state").asText().equals("RUNNING")) {
                        return;
                    }
                }
            } catch (ApiException | IOException e) {
                // not up yet
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("the Flink job is not RUNNING (see " + job.log() + ")");
            }
            Thread.sleep(250);
        }
    }

    /** How many records a topic holds (its partitions' end offsets, summed). */
    long records(String topic, int partitions) throws Exception {
        Properties p = new Properties();
        p.setProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        try (Admin admin = Admin.create(p)) {
            Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec>
                    q = new java.util.HashMap<>();
            for (int i = 0; i < partitions; i++) {
                q.put(
                        new org.apache.kafka.common.TopicPartition(topic, i),
                        org.apache.kafka.clients.admin.OffsetSpec.latest());
            }
            long n = 0;
            for (var e : admin.listOffsets(q).all().get(30, TimeUnit.SECONDS).values()) {
                n += e.offset();
            }
            return n;
        }
    }

    /** The first process that has exited, or null. */
    ChildProcess exited() {
        for (ChildProcess c : children) {
            if (!c.isAlive()) {
                return c;
            }
        }
        return null;
    }

    /** Stops every process, the last started first. */
    void stop() throws InterruptedException {
        for (int i = children.size() - 1; i >= 0; i--) {
            children.get(i).stop(Duration.ofSeconds(15));
        }
        children.clear();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook runs anyway
        }
    }

    /** The shutdown hook: kills whatever is still running, without waiting for a clean stop. */
    private void kill() {
        for (ChildProcess c : children) {
            for (ProcessHandle h : c.processes()) {
                h.destroyForcibly();
            }
        }
    }

    private static List<String> java(
            String classpath, List<String> jvm, String main, List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvm);
        cmd.add("-cp");
        cmd.add(classpath);
        cmd.add(main);
        cmd.addAll(args);
        return cmd;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
