package io.weir.job.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The production topology as real processes on this machine, and the failure drills. A Kafka broker
 * process, a Flink JobManager process and a TaskManager process start from Maven's artifacts
 * (classpaths written by the {@code drills} profile), the shaded job jar is submitted with {@code
 * weir submit} (the server module's jar), views are registered on the queries topic, and metrics
 * flow; every view's committed final results are checked against the evaluator, and then again
 * after each drill.
 *
 * <p>Run with {@code mvn -B verify -pl server,job -am -Pdrills} (add {@code -Dtest=none
 * -Dsurefire.failIfNoSpecifiedTests=false} to skip the unit tests).
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class ClusterDrillsIT {

    @Test
    void drills() throws Exception {
        Path dir = Path.of(System.getProperty("weir.drills.dir", "target/drills"));
        Path jar = Path.of(System.getProperty("weir.job.jar", "target/weir-job.jar"));
        Path serverJar =
                Path.of(System.getProperty("weir.server.jar", "../server/target/weir.jar"));
        assertTrue(Files.isRegularFile(jar), "no job jar at " + jar + "; run mvn package first");
        assertTrue(
                Files.isRegularFile(serverJar),
                "no server jar at "
                        + serverJar
                        + " (weir submit submits the job): build the server module in the same run,"
                        + " -pl server,job -am");
        Path run = dir.resolve("run");
        deleteRecursively(run);
        long started = System.nanoTime();
        List<Drills.Outcome> outcomes = new ArrayList<>();
        ResultLog.Verdict baseline;
        Topology topo =
                Topology.start(
                        run,
                        dir.resolve("kafka.classpath"),
                        dir.resolve("flink.classpath"),
                        jar,
                        serverJar);
        try {
            System.out.println(
                    "topology: kafka "
                            + topo.kafka.bootstrapServers()
                            + ", flink "
                            + topo.flink.restUrl()
                            + " (logs: "
                            + topo.flink.logs()
                            + "), up in "
                            + Drills.seconds(System.nanoTime() - started));
            Drills drills = new Drills(topo);
            long t = System.nanoTime();
            baseline = drills.baseline();
            System.out.println(
                    "baseline: "
                            + (baseline.pass() ? "pass" : "fail")
                            + " ("
                            + Workload.VIEWS.size()
                            + " views, job "
                            + topo.jobId()
                            + ", "
                            + baseline.summary()
                            + ", "
                            + Drills.seconds(System.nanoTime() - t)
                            + ")");
            outcomes.add(timed(1, "taskmanager-kill", drills::taskManagerKill));
            outcomes.add(timed(2, "savepoint-resubmit", drills::savepointResubmit));
            ServerRestartDrill servers = new ServerRestartDrill(topo, serverJar, run);
            outcomes.add(timed(3, "kafka-restart", () -> drills.kafkaRestart(servers)));
            outcomes.add(timed(4, "server-restart", servers::run));
            outcomes.add(timed(5, "rescale-1-to-2", drills::rescale));
        } finally {
            topo.stop();
        }
        long passed = outcomes.stream().filter(o -> o.status() == Drills.Status.PASS).count();
        long failed = outcomes.stream().filter(o -> o.status() == Drills.Status.FAIL).count();
        System.out.println(
                "drills: "
                        + passed
                        + " passed, "
                        + failed
                        + " failed ("
                        + Drills.seconds(System.nanoTime() - started)
                        + " in all)");
        assertTrue(baseline.pass(), "the job does not answer what the evaluator answers");
        assertEquals(
                List.of(),
                outcomes.stream()
                        .filter(o -> o.status() == Drills.Status.FAIL)
                        .map(Drills.Outcome::line)
                        .toList());
    }

    /** Runs a drill; an exception is a failed drill, and the next drills still run. */
    private static Drills.Outcome timed(int number, String name, Callable<Drills.Outcome> drill) {
        long t = System.nanoTime();
        Drills.Outcome o;
        try {
            o = drill.call();
        } catch (Exception | AssertionError e) {
            o = new Drills.Outcome(number, name, Drills.Status.FAIL, e.toString());
        }
        return print(
                new Drills.Outcome(
                        o.number(),
                        o.name(),
                        o.status(),
                        o.detail() + "; " + Drills.seconds(System.nanoTime() - t)));
    }

    private static Drills.Outcome print(Drills.Outcome o) {
        System.out.println(o.line());
        return o;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
