package io.weir.job.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;

/**
 * One Kafka broker process ({@code kafka.Kafka}) in combined KRaft mode (broker and controller in
 * one node), with the single-node settings transactions need. Its log directory survives {@link
 * #restart()}.
 */
final class KafkaBroker {
    private final Path dir;
    private final Path classpath;
    private final int port;
    private final int controllerPort;
    private JavaProcess process;

    private KafkaBroker(Path dir, Path classpath, int port, int controllerPort) {
        this.dir = dir;
        this.classpath = classpath;
        this.port = port;
        this.controllerPort = controllerPort;
    }

    /** Formats a fresh log directory and starts the broker. */
    static KafkaBroker start(Path dir, Path classpath) throws Exception {
        KafkaBroker broker = new KafkaBroker(dir, classpath, Ports.free(), Ports.free());
        broker.format();
        broker.launch();
        return broker;
    }

    String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    Properties clientProperties() {
        Properties p = new Properties();
        p.setProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return p;
    }

    void createTopics(List<NewTopic> topics) throws ExecutionException, InterruptedException {
        try (Admin admin = Admin.create(clientProperties())) {
            admin.createTopics(topics).all().get();
        }
    }

    /** SIGTERM (a clean shutdown), then the same broker again on the same log directory. */
    void restart() throws Exception {
        process.stop();
        launch();
    }

    void stop() throws InterruptedException {
        if (process != null) {
            process.stop();
        }
    }

    private void format() throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("server.properties"), serverProperties(), UTF8);
        Files.writeString(dir.resolve("log4j2.properties"), LOG4J, UTF8);
        JavaProcess.run(
                classpath,
                "kafka.tools.StorageTool",
                List.of(
                        "format",
                        "-t",
                        Uuid.randomUuid().toString(),
                        "-c",
                        dir.resolve("server.properties").toString(),
                        "--standalone"),
                dir.resolve("format.log"));
    }

    private void launch() throws Exception {
        process =
                JavaProcess.start(
                        "kafka",
                        classpath,
                        List.of(
                                "-Xmx512m",
                                "-Xms128m",
                                "-Dlog4j2.configurationFile="
                                        + dir.resolve("log4j2.properties").toUri()),
                        "kafka.Kafka",
                        List.of(dir.resolve("server.properties").toString()),
                        dir.resolve("kafka.log"));
        awaitReady();
    }

    /** Until the broker answers metadata requests, for at most a minute. */
    private void awaitReady() throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        Properties p = clientProperties();
        p.setProperty(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000");
        p.setProperty(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "3000");
        while (true) {
            if (!process.isAlive()) {
                throw new IOException("the Kafka broker exited; see " + process.log());
            }
            try (Admin admin = Admin.create(p)) {
                if (!admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty()) {
                    return;
                }
            } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("the Kafka broker did not start; see " + process.log());
                }
            }
            Thread.sleep(200);
        }
    }

    private String serverProperties() {
        Map<String, String> settings =
                Map.ofEntries(
                        Map.entry("process.roles", "broker,controller"),
                        Map.entry("node.id", "1"),
                        Map.entry("controller.quorum.bootstrap.servers", host(controllerPort)),
                        Map.entry(
                                "listeners",
                                "PLAINTEXT://"
                                        + host(port)
                                        + ",CONTROLLER://"
                                        + host(controllerPort)),
                        Map.entry("advertised.listeners", "PLAINTEXT://" + host(port)),
                        Map.entry("controller.listener.names", "CONTROLLER"),
                        Map.entry("inter.broker.listener.name", "PLAINTEXT"),
                        Map.entry(
                                "listener.security.protocol.map",
                                "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
                        Map.entry("log.dirs", dir.resolve("data").toString()),
                        Map.entry("auto.create.topics.enable", "false"),
                        Map.entry("offsets.topic.replication.factor", "1"),
                        Map.entry("offsets.topic.num.partitions", "2"),
                        // One node: transactions need these, or no transaction ever commits.
                        Map.entry("transaction.state.log.replication.factor", "1"),
                        Map.entry("transaction.state.log.min.isr", "1"),
                        Map.entry("transaction.state.log.num.partitions", "2"),
                        Map.entry("group.initial.rebalance.delay.ms", "0"),
                        Map.entry("log.message.timestamp.after.max.ms", "86400000"));
        StringBuilder b = new StringBuilder();
        settings.forEach((k, v) -> b.append(k).append('=').append(v).append('\n'));
        return b.toString();
    }

    private static String host(int port) {
        return "127.0.0.1:" + port;
    }

    private static final java.nio.charset.Charset UTF8 = StandardCharsets.UTF_8;

    private static final String LOG4J =
            """
            rootLogger.level = WARN
            rootLogger.appenderRef.out.ref = out
            appender.out.name = out
            appender.out.type = Console
            appender.out.layout.type = PatternLayout
            appender.out.layout.pattern = %d{HH:mm:ss.SSS} %-5p %c{1} - %m%n
            logger.started.name = kafka.server.KafkaRaftServer
            logger.started.level = INFO
            """;
}
