package io.weir.server.demo;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * A Kafka broker as a separate process ({@code kafka.Kafka} from Maven's {@code kafka_2.13}
 * artifact), one node in combined KRaft mode (broker and controller), with the single-node settings
 * that transactions need. The log directory is formatted on first start and kept after.
 */
public final class KafkaProcess {
    private static final String LOG4J =
            """
            status = warn
            appender.out.type = Console
            appender.out.name = out
            appender.out.layout.type = PatternLayout
            appender.out.layout.pattern = %d{HH:mm:ss.SSS} %-5p %c{1} - %m%n
            rootLogger.level = info
            rootLogger.appenderRef.out.ref = out
            logger.kafka.name = kafka
            logger.kafka.level = warn
            logger.apache.name = org.apache.kafka
            logger.apache.level = warn
            logger.state.name = state.change.logger
            logger.state.level = warn
            logger.server.name = kafka.server.KafkaRaftServer
            logger.server.level = info
            """;

    private final Path dir;
    private final int port;
    private final int controllerPort;
    private ChildProcess process;

    /** A broker with its data in {@code dir}, listening on {@code port}. */
    public KafkaProcess(Path dir, int port, int controllerPort) {
        this.dir = dir;
        this.port = port;
        this.controllerPort = controllerPort;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** The broker's process once started, or null. */
    public ChildProcess process() {
        return process;
    }

    /** Formats the log directory if new, starts the broker, waits until it answers. */
    public ChildProcess start(String classpath, Path logs, Duration timeout)
            throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path config = dir.resolve("server.properties");
        Files.writeString(
                config,
                serverProperties(dir, port, controllerPort, Map.of()),
                StandardCharsets.UTF_8);
        Path log4j = dir.resolve("log4j2.properties");
        Files.writeString(log4j, LOG4J, StandardCharsets.UTF_8);
        List<String> jvm =
                List.of("-Xmx512m", "-Xms128m", "-Dlog4j2.configurationFile=" + log4j.toUri());
        if (!Files.exists(dir.resolve("data/meta.properties"))) {
            ChildProcess.run(
                    "kafka-format",
                    JavaCommand.of(
                            classpath,
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
        }
        process =
                ChildProcess.start(
                        "Kafka broker",
                        JavaCommand.of(classpath, jvm, "kafka.Kafka", List.of(config.toString())),
                        logs.resolve("kafka.log"));
        awaitReady(timeout);
        return process;
    }

    /** Until the broker answers a metadata request. */
    private void awaitReady(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Properties p = clientProperties();
        p.setProperty(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000");
        p.setProperty(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "3000");
        while (true) {
            if (!process.isAlive()) {
                throw new IOException(
                        "the Kafka broker exited (see " + process.log() + "):\n" + process.tail());
            }
            if (!listening()) {
                // Before the port is open an admin client would only log failed connections.
                if (System.nanoTime() > deadline) {
                    throw new IOException(
                            "the Kafka broker did not listen in "
                                    + timeout.toSeconds()
                                    + " s (see "
                                    + process.log()
                                    + ")");
                }
                Thread.sleep(250);
                continue;
            }
            try (Admin admin = Admin.create(p)) {
                if (!admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty()) {
                    return;
                }
            } catch (ExecutionException | TimeoutException e) {
                if (System.nanoTime() > deadline) {
                    throw new IOException(
                            "the Kafka broker did not answer in "
                                    + timeout.toSeconds()
                                    + " s (see "
                                    + process.log()
                                    + ")");
                }
            }
            Thread.sleep(250);
        }
    }

    private boolean listening() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Weir's four topics as the demo and the end-to-end test create them. */
    public static List<NewTopic> weirTopics() {
        return List.of(
                new NewTopic("weir.metrics", 4, (short) 1),
                new NewTopic("weir.queries", 1, (short) 1)
                        .configs(Map.of("cleanup.policy", "compact")),
                new NewTopic("weir.results", 4, (short) 1),
                new NewTopic("weir.dlq", 1, (short) 1));
    }

    /** Creates the topics that do not exist yet. */
    public void createTopics(List<NewTopic> topics) throws IOException, InterruptedException {
        try (Admin admin = Admin.create(clientProperties())) {
            for (NewTopic t : topics) {
                try {
                    admin.createTopics(List.of(t)).all().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IOException("cannot create topic " + t.name(), e.getCause());
                    }
                } catch (TimeoutException e) {
                    throw new IOException("creating topic " + t.name() + " timed out", e);
                }
            }
        }
    }

    private Properties clientProperties() {
        Properties p = new Properties();
        p.setProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return p;
    }

    /**
     * The {@code server.properties} of a one-node combined KRaft broker with its log under {@code
     * dir}, listening on 127.0.0.1, with the single-node settings transactions need; {@code extra}
     * adds or replaces settings.
     */
    public static String serverProperties(
            Path dir, int port, int controllerPort, Map<String, String> extra) {
        String host = "127.0.0.1:";
        Map<String, String> settings =
                new TreeMap<>(
                        Map.ofEntries(
                                Map.entry("process.roles", "broker,controller"),
                                Map.entry("node.id", "1"),
                                Map.entry(
                                        "controller.quorum.bootstrap.servers",
                                        host + controllerPort),
                                Map.entry(
                                        "listeners",
                                        "PLAINTEXT://"
                                                + host
                                                + port
                                                + ",CONTROLLER://"
                                                + host
                                                + controllerPort),
                                Map.entry("advertised.listeners", "PLAINTEXT://" + host + port),
                                Map.entry("controller.listener.names", "CONTROLLER"),
                                Map.entry("inter.broker.listener.name", "PLAINTEXT"),
                                Map.entry(
                                        "listener.security.protocol.map",
                                        "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
                                Map.entry("log.dirs", dir.resolve("data").toString()),
                                Map.entry("auto.create.topics.enable", "false"),
                                Map.entry("num.partitions", "4"),
                                Map.entry("offsets.topic.replication.factor", "1"),
                                Map.entry("offsets.topic.num.partitions", "4"),
                                Map.entry("transaction.state.log.replication.factor", "1"),
                                Map.entry("transaction.state.log.min.isr", "1"),
                                Map.entry("transaction.state.log.num.partitions", "4"),
                                Map.entry("share.coordinator.state.topic.replication.factor", "1"),
                                Map.entry("share.coordinator.state.topic.min.isr", "1"),
                                Map.entry("group.initial.rebalance.delay.ms", "0"),
                                Map.entry("log.retention.hours", "24")));
        settings.putAll(extra);
        StringBuilder sb = new StringBuilder("# Written by weir demo.\n");
        settings.forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
        return sb.toString();
    }
}
