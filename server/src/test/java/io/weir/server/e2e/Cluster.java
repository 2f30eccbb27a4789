package io.weir.server.e2e;

import io.weir.server.client.ApiException;
import io.weir.server.client.FlinkRestClient;
import io.weir.server.demo.ChildProcess;
import io.weir.server.demo.Demo;
import io.weir.server.demo.KafkaProcess;
import io.weir.server.demo.WeirHome;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

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

    /** Starts the broker, with the demo's settings, and creates the topics. */
    void startBroker() throws IOException, InterruptedException {
        int port = freePort();
        int controller = freePort();
        while (controller == port) {
            controller = freePort();
        }
        KafkaProcess broker = new KafkaProcess(dir.resolve("kafka"), port, controller);
        try {
            children.add(broker.start(home.classpath("kafka"), logs, READY));
        } finally {
            if (broker.process() != null && !children.contains(broker.process())) {
                children.add(broker.process());
            }
        }
        kafka = broker.bootstrapServers();
        broker.createTopics(KafkaProcess.weirTopics());
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
        List<String> jvm = Demo.flinkJvm(dir);
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
