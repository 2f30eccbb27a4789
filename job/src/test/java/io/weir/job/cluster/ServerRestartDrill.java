package io.weir.job.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Drill 4: the Weir server, consuming the topology's Kafka into its RocksDB stores, is killed with
 * SIGKILL while metrics flow and started again on the same data directory. It must answer every
 * view's query over the whole history as the evaluator does on the same samples: nothing lost while
 * it was down, nothing lost from before.
 */
final class ServerRestartDrill {
    private final Topology topo;
    private final Path serverJar;
    private final Path dir;

    ServerRestartDrill(Topology topo, Path serverJar, Path dir) {
        this.topo = topo;
        this.serverJar = serverJar;
        this.dir = dir;
    }

    /** What the server answered against what the evaluator answers, and from where. */
    record Comparison(int points, List<String> differences, String answeredFrom) {
        boolean pass() {
            return points > 0 && differences.isEmpty();
        }

        String summary() {
            return points
                    + " points of "
                    + "the views' queries answered by the server"
                    + (differences.isEmpty()
                            ? ", all as the evaluator"
                            : ", "
                                    + differences.size()
                                    + " differ, e.g. "
                                    + String.join("; ", differences.stream().limit(3).toList()))
                    + "; of the last round of queries "
                    + answeredFrom;
        }
    }

    /**
     * A server consuming the topology's Kafka into its own data directory {@code name}, started.
     */
    WeirServer startServer(String name) throws Exception {
        WeirServer server =
                new WeirServer(
                        serverJar,
                        dir.resolve(name).resolve("data"),
                        topo.kafka.bootstrapServers());
        server.start();
        return server;
    }

    /** Drill 3's check of the server: it answers every view's query as the evaluator does. */
    Comparison caughtUp(WeirServer server) throws Exception {
        return awaitCaughtUp(server);
    }

    Drills.Outcome run() throws Exception {
        String why = WeirServer.unsupported(serverJar);
        if (why != null) {
            return new Drills.Outcome(4, "server-restart", Drills.Status.SKIPPED, why);
        }
        Path data = dir.resolve("server").resolve("data");
        WeirServer server = new WeirServer(serverJar, data, topo.kafka.bootstrapServers());
        try {
            long t = System.nanoTime();
            server.start();
            Comparison before = awaitCaughtUp(server);
            long caughtUp = System.nanoTime() - t;
            int start = topo.scrapes();
            topo.produceUntil(start + Drills.PHASE / 2);
            JavaProcess killed = server.kill();
            long storeFiles = count(data);
            topo.produceUntil(start + Drills.PHASE);
            t = System.nanoTime();
            server.start();
            long restarted = System.nanoTime() - t;
            // The job's results of the whole history final first: then the server must hold them.
            ResultLog.Verdict job = topo.check();
            Comparison after = awaitCaughtUp(server);
            long recovered = System.nanoTime() - t;
            boolean pass = before.pass() && after.pass() && storeFiles > 0 && job.pass();
            return new Drills.Outcome(
                    4,
                    "server-restart",
                    pass ? Drills.Status.PASS : Drills.Status.FAIL,
                    "before the kill, started on the existing topics: "
                            + (before.pass() ? "caught up in " : "not caught up after ")
                            + Drills.seconds(caughtUp)
                            + " ("
                            + before.summary()
                            + "); SIGKILL pid "
                            + killed.pid()
                            + " with "
                            + storeFiles
                            + " files in its data directory, answering again in "
                            + Drills.seconds(restarted)
                            + (after.pass() ? ", caught up in " : ", not caught up after ")
                            + Drills.seconds(recovered)
                            + ": "
                            + after.summary()
                            + "; job: "
                            + job.summary());
        } finally {
            server.stop();
        }
    }

    /**
     * Until the server answers every view's query, from the view's first step to the last step the
     * job made final, as the evaluator does, or 90 s passed; the last comparison.
     */
    private Comparison awaitCaughtUp(WeirServer server) throws Exception {
        long end = topo.checkedThrough();
        Map<ResultKey, Double> expected = topo.expected(end, false);
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (true) {
            Comparison c = compare(server, expected, end);
            if (c.pass() || System.nanoTime() > deadline) {
                return c;
            }
            Thread.sleep(500);
        }
    }

    private Comparison compare(WeirServer server, Map<ResultKey, Double> expected, long end)
            throws Exception {
        List<String> differences = new ArrayList<>();
        int points = 0;
        for (Workload.View v : topo.views()) {
            if (end < v.start()) {
                continue;
            }
            // The end on the view's grid: the evaluator answers the same steps either way.
            long last = v.start() + (end - v.start()) / v.stepMillis() * v.stepMillis();
            Map<ResultKey, Double> got =
                    server.rangeQuery(v.name(), v.query(), v.start(), last, v.stepMillis());
            points += got.size();
            for (Map.Entry<ResultKey, Double> e : expected.entrySet()) {
                if (!e.getKey().view().equals(v.name())) {
                    continue;
                }
                Double g = got.get(e.getKey());
                if (g == null || !ResultLog.close(e.getValue(), g)) {
                    differences.add(e.getKey() + " expected " + e.getValue() + " got " + g);
                }
            }
            for (ResultKey k : got.keySet()) {
                if (!expected.containsKey(k)) {
                    differences.add(k + " not in the evaluator's answer");
                }
            }
        }
        return new Comparison(points, differences, server.answeredFrom());
    }

    private static long count(Path dir) throws java.io.IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).count();
        }
    }
}
