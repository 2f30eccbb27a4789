package io.weir.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.weir.promql.eval.Engine;
import io.weir.promql.eval.EngineOptions;
import io.weir.promql.eval.QueryValue;
import io.weir.server.cli.Main;
import io.weir.server.client.WeirClient;
import io.weir.server.demo.ChildProcess;
import io.weir.server.demo.WeirHome;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 4's proof, with real processes: a Kafka broker, the Flink job and {@code weir serve}; views
 * registered with {@code weir register}, then an hour of counters, gauges and histogram buckets
 * imported with {@code weir import}; once every view's last final step reaches the end of the hour,
 * Prometheus's {@code promtool query instant} and {@code query range} against the server must
 * return, at every step, the series and values (relative 1e-9) that the evaluator computes over the
 * same samples in memory: for the views' names (the view store), the views' queries (view
 * matching), expressions built on views, and expressions no view covers (the sample store).
 *
 * <p>Needs the whole build (the job jar and the demo's runtime classpaths) and promtool; runs in
 * the {@code e2e} profile: {@code mvn -B package -DskipTests}, then {@code mvn -B verify -pl server
 * -am -Pe2e} ({@code WEIR_HOME} names another built tree). Without promtool it is skipped, unless
 * {@code WEIR_REQUIRE_PROMTOOL=1}, when it fails. The last line printed is {@code e2e: N passed, M
 * failed}, one count per query compared.
 */
@Tag("e2e")
class EndToEndIT {
    private static final long MINUTE = 60_000;
    private static final long STEP = MINUTE;

    private record View(String name, String query) {}

    private static final List<View> VIEWS =
            List.of(
                    new View("e2e:x:rate5m_by_job", "sum by (job) (rate(x_total[5m]))"),
                    new View(
                            "e2e:x:p90_5m",
                            "histogram_quantile(0.9, sum by (le) (rate(x_bucket[5m])))"),
                    new View("e2e:g:avg10m", "avg_over_time(g[10m])"));

    /** Expressions that views answer in part, or not at all. */
    private static final List<String> RAW =
            List.of(
                    "sum by (job) (rate(x_total[5m])) / sum by (job) (g)",
                    "max by (job) (avg_over_time(g[10m]))",
                    "histogram_quantile(0.5, sum by (le) (rate(x_bucket[5m])))",
                    "sum by (job, le) (rate(x_bucket[5m]))",
                    "increase(x_total[10m])",
                    "g",
                    "resets(x_total[30m])");

    private static Cluster cluster;

    /** Kept after the run (logs, data) under the build's output; emptied before. */
    private static final Path dir = Path.of("target", "e2e").toAbsolutePath();

    @AfterAll
    static void stopAll() throws InterruptedException {
        if (cluster != null) {
            cluster.stop();
        }
    }

    @Test
    @Timeout(value = 12, unit = TimeUnit.MINUTES)
    void promtoolAgreesWithTheEvaluator() throws Exception {
        if (Promtool.find() == null) {
            String why = "promtool is not installed (Debian package prometheus)";
            if ("1".equals(System.getenv("WEIR_REQUIRE_PROMTOOL"))) {
                fail(why + " and WEIR_REQUIRE_PROMTOOL=1");
            }
            Assumptions.abort(why + ": the end-to-end test is skipped");
        }
        long wall = System.nanoTime();
        deleteRecursively(dir);
        Files.createDirectories(dir);
        WeirHome home = WeirHome.find();
        assertTrue(home.jobJar().isPresent(), "no job jar: " + home.buildHint());

        cluster = new Cluster(home, dir);
        cluster.startBroker();
        cluster.startServer();
        String api = cluster.api();
        for (View v : VIEWS) {
            weir("register", "--server", api, v.name(), v.query(), "--step", "1m");
        }
        cluster.startJob();

        // A view starts at the first step after its registration: the hour starts after it, a
        // little ahead of the clock. Five more minutes of samples follow the hour so that the
        // watermark passes its last step plus the lateness.
        long start = Math.floorDiv(System.currentTimeMillis(), MINUTE) * MINUTE + 2 * MINUTE;
        long end = start + 60 * MINUTE;
        DataSet data = new DataSet(start, end + 5 * MINUTE, 42);
        // One file, series after series: the import sends it in time order.
        Path file = data.write(Files.createDirectories(dir.resolve("import")));
        weir("import", "--server", api, "--quiet", file.toString());
        System.out.printf(
                "e2e: %d samples of %d series imported, %s .. %s; %.0f s since start%n",
                data.samples(),
                data.seriesCount(),
                Instant.ofEpochMilli(start),
                Instant.ofEpochMilli(end + 5 * MINUTE),
                (System.nanoTime() - wall) / 1e9);

        WeirClient client = new WeirClient(URI.create(api), null, Duration.ofSeconds(30));
        awaitFinal(client, end);
        awaitRawSamples(client, end + 5 * MINUTE, data.samples());
        System.out.println(
                "e2e: weir.dlq holds "
                        + cluster.records("weir.dlq", 1)
                        + " records (late or refused samples)");
        System.out.printf(
                "e2e: views final and samples stored, %.0f s since start%n",
                (System.nanoTime() - wall) / 1e9);

        Promtool promtool = new Promtool(api);
        Engine engine = new Engine(EngineOptions.defaults());
        List<String> failures = new ArrayList<>();
        int passed = 0;
        List<Long> instants = List.of(start + 10 * MINUTE, start + 37 * MINUTE, end);
        for (View v : VIEWS) {
            for (long t : instants) {
                QueryValue.Matrix want = engine.rangeQuery(data.store(), v.query(), t, t, STEP);
                passed +=
                        check(
                                "instant " + v.name() + " at " + Instant.ofEpochMilli(t),
                                want,
                                promtool.instant(v.name(), t),
                                v.name(),
                                failures);
                passed +=
                        check(
                                "instant " + v.query() + " at " + Instant.ofEpochMilli(t),
                                want,
                                promtool.instant(v.query(), t),
                                null,
                                failures);
            }
            QueryValue.Matrix want = engine.rangeQuery(data.store(), v.query(), start, end, STEP);
            passed +=
                    check(
                            "range " + v.name(),
                            want,
                            promtool.range(v.name(), start, end, STEP),
                            v.name(),
                            failures);
            passed +=
                    check(
                            "range " + v.query(),
                            want,
                            promtool.range(v.query(), start, end, STEP),
                            null,
                            failures);
        }
        for (String q : RAW) {
            System.out.println("e2e: " + q + " explained: " + explain(api, q, end));
            passed +=
                    check(
                            "instant " + q + " at " + Instant.ofEpochMilli(end),
                            engine.rangeQuery(data.store(), q, end, end, STEP),
                            promtool.instant(q, end),
                            null,
                            failures);
            passed +=
                    check(
                            "range " + q,
                            engine.rangeQuery(data.store(), q, start, end, STEP),
                            promtool.range(q, start, end, STEP),
                            null,
                            failures);
        }
        engine.close();
        for (String f : failures) {
            System.out.println(f);
        }
        System.out.printf("e2e: wall time %.0f s%n", (System.nanoTime() - wall) / 1e9);
        int failed = (int) failures.stream().filter(f -> f.startsWith("FAILED")).count();
        System.out.println("e2e: " + passed + " passed, " + failed + " failed");
        assertEquals(0, failed, String.join("\n", failures));
    }

    private static void deleteRecursively(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> all = Files.walk(p)) {
            for (Path f : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }

    /** One comparison; the failure's details go to {@code failures}; returns 1 when it passed. */
    private static int check(
            String what,
            QueryValue.Matrix want,
            QueryValue.Matrix got,
            String viewName,
            List<String> failures) {
        List<String> d = MatrixDiff.diff(want, got, viewName);
        if (d.isEmpty() && !want.series().isEmpty()) {
            return 1;
        }
        failures.add(
                "FAILED " + what + (want.series().isEmpty() ? ": evaluator has no series" : ""));
        d.forEach(l -> failures.add("    " + l));
        return 0;
    }

    /** Runs the weir command in this JVM; fails on a non-zero status with its output. */
    private static void weir(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        if (!args[0].equals("import")) {
            System.out.print(out);
        }
        assertEquals(0, status, "weir " + String.join(" ", args) + ":\n" + out + err);
    }

    /** Until every view's last final step is at least {@code end} (GET /api/v1/views). */
    private static void awaitFinal(WeirClient client, long end) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(6);
        JsonNode views = null;
        while (System.nanoTime() < deadline) {
            assertAlive();
            views = client.views();
            int done = 0;
            for (JsonNode v : views) {
                JsonNode last = v.path("lastFinalStep");
                if (last.isNumber() && Math.round(last.asDouble() * 1000) >= end) {
                    done++;
                }
            }
            if (done == VIEWS.size()) {
                return;
            }
            Thread.sleep(1000);
        }
        fail("views not final up to " + Instant.ofEpochMilli(end) + " in 6 minutes: " + views);
    }

    /** Until the sample store holds every imported sample (counted by the query API). */
    private static void awaitRawSamples(WeirClient client, long at, long expected)
            throws Exception {
        String q = "sum(count_over_time({__name__=~\"x_total|x_bucket|g\"}[2h]))";
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        String last = "";
        while (System.nanoTime() < deadline) {
            assertAlive();
            JsonNode r = WeirClient.data(client.query(q, Long.toString(at / 1000))).path("result");
            last = r.toString();
            if (r.size() == 1
                    && r.get(0).path("value").path(1).asText().equals(Long.toString(expected))) {
                return;
            }
            Thread.sleep(1000);
        }
        fail("the sample store does not hold the " + expected + " samples imported: " + last);
    }

    private static void assertAlive() {
        ChildProcess gone = cluster.exited();
        if (gone != null) {
            fail(gone.name() + " exited (see " + gone.log() + "):\n" + gone.tail());
        }
    }

    /** The server's explain of an instant query: which views answered what. */
    private static String explain(String api, String q, long at) throws Exception {
        String url =
                api
                        + "/api/v1/query?explain=true&time="
                        + (at / 1000)
                        + "&query="
                        + URLEncoder.encode(q, StandardCharsets.UTF_8);
        HttpResponse<String> r =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(URI.create(url)).GET().build(),
                                HttpResponse.BodyHandlers.ofString());
        return WeirClient.envelope(r.body()).path("data").path("explain").toString();
    }
}
