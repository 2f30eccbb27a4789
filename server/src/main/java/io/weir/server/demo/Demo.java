package io.weir.server.demo;

import io.weir.server.client.ApiException;
import io.weir.server.client.FlinkRestClient;
import io.weir.server.client.ViewDefinition;
import io.weir.server.client.WeirClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * Weir on one machine, as separate processes: a Kafka broker, the Weir server, the demo's views
 * (registered through the server's API), the metrics generator with its history, then the Flink job
 * on a local MiniCluster. {@link #stop()} stops them all, last started first.
 */
public final class Demo {
    private static final Duration READY = Duration.ofMinutes(2);

    /** Flink's usual flags for Java 17; they help Kryo's fallback serialisation. */
    private static final List<String> FLINK_JVM =
            List.of(
                    "--add-opens=java.base/java.lang=ALL-UNNAMED",
                    "--add-opens=java.base/java.util=ALL-UNNAMED",
                    "--add-opens=java.base/java.time=ALL-UNNAMED",
                    "--add-opens=java.base/java.net=ALL-UNNAMED",
                    "--add-opens=java.base/java.nio=ALL-UNNAMED",
                    "--add-opens=java.base/java.io=ALL-UNNAMED",
                    "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
                    "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED");

    private static final String FLINK_LOG4J =
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
            logger.metrics.name = org.apache.flink.metrics.MetricGroup
            logger.metrics.level = error
            logger.token.name = org.apache.flink.runtime.security.token
            logger.token.level = error
            logger.web.name = org.apache.flink.runtime.webmonitor.WebMonitorUtils
            logger.web.level = error
            """;

    /**
     * What to start.
     *
     * @param dataDir where the broker's log, the job's checkpoints, the server's data and the logs
     *     go
     * @param listen the server's address, {@code host:port}
     * @param series about how many series the generator writes
     * @param interval the generator's interval
     * @param backfill history the generator writes first, or null
     * @param serverTakesKafka whether {@code weir serve} has {@code --kafka} and {@code --data-dir}
     * @param jobJar the shaded job jar, or null for the build's
     */
    public record Options(
            Path dataDir,
            String listen,
            int series,
            String interval,
            String backfill,
            boolean serverTakesKafka,
            Path jobJar) {}

    private final WeirHome home;
    private final Options options;
    private final PrintWriter progress;
    private final List<ChildProcess> children = new ArrayList<>();
    private String kafkaServers;
    private String flinkUrl;
    private String apiUrl;
    private final List<ViewDefinition> registered = new ArrayList<>();

    private Demo(WeirHome home, Options options, PrintWriter progress) {
        this.home = home;
        this.options = options;
        this.progress = progress;
    }

    /** Starts everything, in order, each once the one before is ready; the URLs are then known. */
    public static Demo start(WeirHome home, Options options, PrintWriter progress)
            throws IOException, InterruptedException {
        Demo demo = new Demo(home, options, progress);
        try {
            demo.startAll();
            return demo;
        } catch (IOException | InterruptedException | RuntimeException e) {
            demo.stop();
            throw e;
        }
    }

    public String kafkaServers() {
        return kafkaServers;
    }

    /** Flink's web UI and REST endpoint. */
    public String flinkUrl() {
        return flinkUrl;
    }

    /** The Weir server's API and web page. */
    public String apiUrl() {
        return apiUrl;
    }

    /** The views registered. */
    public List<ViewDefinition> views() {
        return List.copyOf(registered);
    }

    /** The processes started, in the order they were. */
    public List<ChildProcess> children() {
        return List.copyOf(children);
    }

    /** The first child that is no longer running, or null. */
    public ChildProcess exited() {
        for (ChildProcess c : children) {
            if (!c.isAlive()) {
                return c;
            }
        }
        return null;
    }

    private void startAll() throws IOException, InterruptedException {
        String kafkaCp = home.classpath("kafka");
        String flinkCp = home.classpath("flink");
        Path jobJar =
                options.jobJar() != null
                        ? options.jobJar()
                        : home.jobJar()
                                .orElseThrow(
                                        () ->
                                                new IOException(
                                                        "no job jar at "
                                                                + home.root()
                                                                        .resolve(
                                                                                "job/target/weir-job.jar")
                                                                + ": "
                                                                + home.buildHint()));
        Path data = options.dataDir();
        Path logs = data.resolve("logs");
        Files.createDirectories(logs);

        long t = step("Kafka broker (KRaft, one node)");
        int[] ports = kafkaPorts(data.resolve("kafka"));
        KafkaProcess kafka = new KafkaProcess(data.resolve("kafka"), ports[0], ports[1]);
        try {
            children.add(kafka.start(kafkaCp, logs, READY));
        } finally {
            if (kafka.process() != null && !children.contains(kafka.process())) {
                children.add(kafka.process());
            }
        }
        kafkaServers = kafka.bootstrapServers();
        kafka.createTopics(KafkaProcess.weirTopics());
        done(t, kafkaServers);

        t = step("Weir server");
        startServer(data, logs);
        done(t, apiUrl);

        t = step("views");
        int n = registerViews();
        done(t, n + " registered");

        // The generator's history is in the topic before the job starts: written into a running
        // job's partitions after they went idle, it would arrive partition by partition, and the
        // first partition's jump in event time would make the others' samples late.
        t = step("metrics generator");
        ChildProcess generator =
                ChildProcess.start(
                        "generator",
                        JavaCommand.of(
                                JavaCommand.ownClasspath(),
                                List.of("-Xmx256m"),
                                "io.weir.server.cli.Main",
                                generatorArgs()),
                        logs.resolve("generator.log"));
        children.add(generator);
        String ready = generator.awaitLine(l -> l.startsWith("weir generate: writing "), READY);
        done(t, ready.substring("weir generate: ".length()));

        t = step("Flink job on a local MiniCluster");
        startJob(flinkCp, jobJar, data, logs);
        done(t, flinkUrl);
    }

    private List<String> generatorArgs() {
        List<String> args = new ArrayList<>();
        args.addAll(
                List.of(
                        "generate",
                        "--kafka",
                        kafkaServers,
                        "--series",
                        Integer.toString(options.series()),
                        "--interval",
                        options.interval()));
        if (options.backfill() != null) {
            args.add("--backfill");
            args.add(options.backfill());
        }
        return args;
    }

    /**
     * The JVM flags of a job on a local MiniCluster: Flink's flags for Java 17, a 1 GiB heap, and a
     * quiet logging configuration, written into {@code dir}.
     */
    public static List<String> flinkJvm(Path dir) throws IOException {
        Path log4j = dir.resolve("flink-log4j2.properties");
        Files.writeString(log4j, FLINK_LOG4J, StandardCharsets.UTF_8);
        List<String> jvm = new ArrayList<>(FLINK_JVM);
        jvm.add("-Xmx1g");
        jvm.add("-Dlog4j2.configurationFile=" + log4j.toUri());
        return jvm;
    }

    private void startJob(String flinkCp, Path jobJar, Path data, Path logs)
            throws IOException, InterruptedException {
        List<String> jvm = flinkJvm(data);
        ChildProcess job =
                ChildProcess.start(
                        "Flink job",
                        JavaCommand.of(
                                flinkCp + java.io.File.pathSeparator + jobJar,
                                jvm,
                                "io.weir.job.WeirJob",
                                List.of(
                                        "--bootstrap.servers",
                                        kafkaServers,
                                        "--parallelism",
                                        "2",
                                        "--checkpoint.interval.ms",
                                        "2000",
                                        "--checkpoint.dir",
                                        data.resolve("flink/checkpoints").toUri().toString(),
                                        "--watermark.out-of-orderness.ms",
                                        "2000",
                                        "--lateness.default.ms",
                                        "10000")),
                        logs.resolve("flink.log"));
        children.add(job);
        String line = job.awaitLine(l -> l.contains("Rest endpoint listening at "), READY);
        String address = line.substring(line.indexOf("Rest endpoint listening at ") + 27).strip();
        flinkUrl = "http://" + address;
        FlinkRestClient flink = new FlinkRestClient(URI.create(flinkUrl), Duration.ofSeconds(5));
        long deadline = System.nanoTime() + READY.toNanos();
        while (true) {
            if (!job.isAlive()) {
                throw new IOException(
                        "the Flink job exited (see " + job.log() + "):\n" + job.tail());
            }
            try {
                for (var j : flink.jobsOverview().path("jobs")) {
                    if (j.path("state").asText().equals("RUNNING")) {
                        return;
                    }
                }
            } catch (ApiException | IOException e) {
                // not up yet
            }
            if (System.nanoTime() > deadline) {
                throw new IOException(
                        "the Flink job is not RUNNING after "
                                + READY.toSeconds()
                                + " s (see "
                                + job.log()
                                + ")");
            }
            Thread.sleep(250);
        }
    }

    private void startServer(Path data, Path logs) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("serve", "--listen", options.listen()));
        if (options.serverTakesKafka()) {
            args.addAll(
                    List.of(
                            "--kafka",
                            kafkaServers,
                            "--data-dir",
                            data.resolve("server").toString()));
        }
        ChildProcess server =
                ChildProcess.start(
                        "Weir server",
                        JavaCommand.of(
                                JavaCommand.ownClasspath(),
                                List.of("-Xmx1g"),
                                "io.weir.server.cli.Main",
                                args),
                        logs.resolve("server.log"));
        children.add(server);
        String marker = "serving Prometheus's query API at ";
        String line = server.awaitLine(l -> l.contains(marker), READY);
        apiUrl = line.substring(line.indexOf(marker) + marker.length()).strip();
    }

    /**
     * Registers the views, retrying while the server's views API is still starting; returns how
     * many were registered (none from a server without the views API).
     */
    private int registerViews() throws IOException, InterruptedException {
        WeirClient client = new WeirClient(URI.create(apiUrl), null, Duration.ofSeconds(30));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        int registered = 0;
        for (ViewDefinition v : DemoViews.VIEWS) {
            while (true) {
                try {
                    client.registerView(v);
                    registered++;
                    this.registered.add(v);
                    break;
                } catch (ApiException e) {
                    if (e.status() == 404) {
                        progress.print("(this server has no views API) ");
                        return registered;
                    }
                    if (e.status() < 500 || System.nanoTime() > deadline) {
                        throw new IOException(
                                "the server refused view " + v.name() + ": " + e.getMessage(), e);
                    }
                }
                Thread.sleep(500);
            }
        }
        return registered;
    }

    /** The broker's ports, chosen once per data directory: KRaft remembers its controller's. */
    private static int[] kafkaPorts(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve("ports.properties");
        Properties p = new Properties();
        if (Files.exists(file)) {
            try (var r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(r);
            }
            return new int[] {
                Integer.parseInt(p.getProperty("broker")),
                Integer.parseInt(p.getProperty("controller"))
            };
        }
        int[] ports = {freePort(), freePort()};
        while (ports[1] == ports[0]) {
            ports[1] = freePort();
        }
        p.setProperty("broker", Integer.toString(ports[0]));
        p.setProperty("controller", Integer.toString(ports[1]));
        try (var w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            p.store(w, "weir demo: the Kafka broker's ports for this data directory");
        }
        return ports;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private long step(String what) {
        progress.print("weir demo: starting " + what + " ... ");
        progress.flush();
        return System.nanoTime();
    }

    private void done(long start, String detail) {
        progress.printf(
                Locale.ROOT, "ready in %.1f s (%s)%n", (System.nanoTime() - start) / 1e9, detail);
        progress.flush();
    }

    /** Stops every process, the last started first; returns once all are gone. */
    public void stop() throws InterruptedException {
        for (int i = children.size() - 1; i >= 0; i--) {
            children.get(i).stop(Duration.ofSeconds(20));
        }
    }
}
