package io.weir.job.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Flink session cluster as the distribution's scripts start it, without the distribution: a
 * {@code config.yaml} in a configuration directory, JVM memory flags computed by {@code
 * BashJavaUtils} from it, and a JobManager ({@code StandaloneSessionClusterEntrypoint}) and
 * TaskManagers ({@code TaskManagerRunner}) as separate processes. State is RocksDB with incremental
 * checkpoints in a directory of the cluster.
 */
final class FlinkCluster {
    /** What the distribution's {@code config.yaml} opens for Kryo's fallback serialisation. */
    private static final List<String> OPENS =
            List.of(
                    "--add-opens=java.base/java.lang=ALL-UNNAMED",
                    "--add-opens=java.base/java.util=ALL-UNNAMED",
                    "--add-opens=java.base/java.time=ALL-UNNAMED",
                    "--add-opens=java.base/java.net=ALL-UNNAMED",
                    "--add-opens=java.base/java.io=ALL-UNNAMED",
                    "--add-opens=java.base/java.nio=ALL-UNNAMED",
                    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED");

    private static final String RESULT_PREFIX = "BASH_JAVA_UTILS_EXEC_RESULT:";

    private final Path dir;
    private final Path classpath;
    private final int restPort;
    private JavaProcess jobManager;
    private final List<JavaProcess> taskManagers = new ArrayList<>();
    private int started;

    private FlinkCluster(Path dir, Path classpath, int restPort) {
        this.dir = dir;
        this.classpath = classpath;
        this.restPort = restPort;
    }

    /** Writes the configuration and starts the JobManager; TaskManagers come separately. */
    static FlinkCluster start(Path dir, Path classpath) throws Exception {
        FlinkCluster cluster = new FlinkCluster(dir, classpath, Ports.free());
        cluster.configure();
        cluster.jobManager =
                cluster.launch(
                        "jobmanager",
                        "GET_JM_RESOURCE_PARAMS",
                        "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint",
                        List.of("--executionMode", "cluster"));
        return cluster;
    }

    String restUrl() {
        return "http://127.0.0.1:" + restPort;
    }

    Path checkpoints() {
        return dir.resolve("checkpoints");
    }

    Path savepoints() {
        return dir.resolve("savepoints");
    }

    /** Starts one more TaskManager process (two slots). */
    JavaProcess startTaskManager() throws Exception {
        started++;
        JavaProcess tm =
                launch(
                        "taskmanager-" + started,
                        "GET_TM_RESOURCE_PARAMS",
                        "org.apache.flink.runtime.taskexecutor.TaskManagerRunner",
                        List.of());
        taskManagers.add(tm);
        return tm;
    }

    /** SIGKILL of the newest TaskManager. */
    JavaProcess killTaskManager() throws InterruptedException {
        JavaProcess tm = taskManagers.remove(taskManagers.size() - 1);
        tm.kill();
        return tm;
    }

    void stop() throws InterruptedException {
        for (JavaProcess tm : taskManagers) {
            tm.stop();
        }
        if (jobManager != null) {
            jobManager.stop();
        }
    }

    String logs() {
        StringBuilder b = new StringBuilder();
        if (jobManager != null) {
            b.append(jobManager.log());
        }
        taskManagers.forEach(tm -> b.append(", ").append(tm.log()));
        return b.toString();
    }

    private JavaProcess launch(String name, String memoryCommand, String main, List<String> args)
            throws Exception {
        Path conf = dir.resolve("conf");
        List<String> results = memoryParameters(memoryCommand, name);
        List<String> jvm = new ArrayList<>(words(results.get(0)));
        jvm.addAll(OPENS);
        Path log = dir.resolve("log").resolve(name + ".log");
        jvm.add("-Dlog.file=" + log);
        jvm.add("-Dlog4j.configurationFile=" + conf.resolve("log4j.properties").toUri());
        List<String> arguments = new ArrayList<>(List.of("--configDir", conf.toString()));
        arguments.addAll(args);
        if (results.size() > 1 && !results.get(1).isBlank()) {
            arguments.addAll(words(results.get(1)));
        }
        return JavaProcess.start(
                name, classpath, jvm, main, arguments, dir.resolve("log").resolve(name + ".out"));
    }

    private static List<String> words(String s) {
        return Arrays.stream(s.strip().split(" +", -1)).filter(w -> !w.isEmpty()).toList();
    }

    /** What {@code BashJavaUtils} prints for the scripts: JVM flags, then dynamic properties. */
    private List<String> memoryParameters(String command, String name) throws Exception {
        String out =
                JavaProcess.run(
                        classpath,
                        "org.apache.flink.runtime.util.bash.BashJavaUtils",
                        List.of(command, "--configDir", dir.resolve("conf").toString()),
                        dir.resolve("log").resolve(name + "-memory.out"));
        List<String> results = new ArrayList<>();
        for (String line : out.lines().toList()) {
            if (line.startsWith(RESULT_PREFIX)) {
                results.add(line.substring(RESULT_PREFIX.length()).strip());
            }
        }
        if (results.isEmpty()) {
            throw new IOException("BashJavaUtils printed no result: " + out);
        }
        return results;
    }

    private void configure() throws IOException {
        Path conf = Files.createDirectories(dir.resolve("conf"));
        Files.createDirectories(dir.resolve("log"));
        Map<String, String> c = new LinkedHashMap<>();
        c.put("jobmanager.rpc.address", "127.0.0.1");
        c.put("jobmanager.rpc.port", Integer.toString(Ports.free()));
        c.put("jobmanager.bind-host", "127.0.0.1");
        c.put("jobmanager.memory.process.size", "1024m");
        c.put("taskmanager.bind-host", "127.0.0.1");
        c.put("taskmanager.host", "127.0.0.1");
        c.put("taskmanager.memory.process.size", "1536m");
        c.put("taskmanager.numberOfTaskSlots", "2");
        c.put("parallelism.default", "1");
        c.put("rest.address", "127.0.0.1");
        c.put("rest.bind-address", "127.0.0.1");
        c.put("rest.port", Integer.toString(restPort));
        c.put("state.backend.type", "rocksdb");
        c.put("execution.checkpointing.incremental", "true");
        c.put("execution.checkpointing.dir", checkpoints().toUri().toString());
        c.put("execution.checkpointing.savepoint-dir", savepoints().toUri().toString());
        c.put("execution.checkpointing.interval", "1s");
        // Recover at once and for as long as the drills need; a lost TaskManager is noticed
        // within seconds rather than the default 50.
        c.put("restart-strategy.type", "fixed-delay");
        c.put("restart-strategy.fixed-delay.attempts", "1000");
        c.put("restart-strategy.fixed-delay.delay", "1s");
        c.put("heartbeat.interval", "1000");
        c.put("heartbeat.timeout", "6000");
        c.put("web.upload.dir", dir.resolve("uploads").toString());
        c.put("io.tmp.dirs", dir.resolve("tmp").toString());
        StringBuilder yaml = new StringBuilder("# Written by the cluster drills.\n");
        c.forEach((k, v) -> yaml.append(k).append(": ").append(v).append('\n'));
        Files.writeString(conf.resolve("config.yaml"), yaml.toString(), StandardCharsets.UTF_8);
        Files.writeString(conf.resolve("log4j.properties"), LOG4J, StandardCharsets.UTF_8);
        Files.createDirectories(dir.resolve("uploads"));
        Files.createDirectories(dir.resolve("tmp"));
    }

    private static final String LOG4J =
            """
            rootLogger.level = INFO
            rootLogger.appenderRef.file.ref = file
            appender.file.name = file
            appender.file.type = File
            appender.file.fileName = ${sys:log.file}
            appender.file.layout.type = PatternLayout
            appender.file.layout.pattern = %d{HH:mm:ss.SSS} %-5p %c{1} - %m%n
            logger.kafka.name = org.apache.kafka
            logger.kafka.level = WARN
            logger.metricgroup.name = org.apache.flink.metrics.MetricGroup
            logger.metricgroup.level = ERROR
            logger.token.name = org.apache.flink.runtime.security.token
            logger.token.level = ERROR
            """;
}
