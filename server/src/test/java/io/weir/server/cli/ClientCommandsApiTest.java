package io.weir.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weir.promql.eval.MemorySampleStore;
import io.weir.server.http.ApiOptions;
import io.weir.server.http.ApiServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client commands against the real {@link ApiServer} (views registry and import in memory, a
 * bearer token): register, list and drop views, and import a file that {@code weir query} then
 * answers exactly as {@code weir eval} does over the same file.
 */
class ClientCommandsApiTest {
    @TempDir Path dir;
    private ApiServer server;
    private Path token;

    @BeforeEach
    void serve() throws IOException {
        token = dir.resolve("token");
        Files.writeString(token, "s3cret\n");
        server =
                ApiServer.start(
                        new MemorySampleStore(), ApiOptions.loopback(0).withBearerToken("s3cret"));
    }

    @AfterEach
    void close() {
        server.close();
    }

    private EvalCommandTest.Run weir(boolean withToken, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--server");
        all.add(server.url());
        if (withToken) {
            all.add("--token-file");
            all.add(token.toString());
        }
        return EvalCommandTest.weir(all.toArray(String[]::new));
    }

    @Test
    void registerListAndDropViews() {
        EvalCommandTest.Run r =
                weir(
                        true,
                        "register",
                        "job:rps",
                        "sum by (job) (rate(http_requests_total[1m]))",
                        "--step",
                        "1m",
                        "--lateness",
                        "30s",
                        "--retention",
                        "30d");
        assertEquals(0, r.status(), r.err());
        assertEquals(
                "registered job:rps (step 1m): sum by (job) (rate(http_requests_total[1m]))\n",
                r.out());

        EvalCommandTest.Run views = weir(false, "views");
        assertEquals(0, views.status(), views.err());
        List<String> lines = views.out().lines().toList();
        assertEquals(2, lines.size(), views.out());
        assertTrue(lines.get(0).matches("NAME +STEP +STATUS +LAG +QUERY"), lines.get(0));
        assertTrue(lines.get(1).startsWith("job:rps  1m    "), lines.get(1));
        assertTrue(
                lines.get(1).endsWith("  sum by (job) (rate(http_requests_total[1m]))"),
                lines.get(1));

        EvalCommandTest.Run json = weir(false, "views", "--json");
        assertTrue(json.out().startsWith("{\"status\":\"success\",\"data\":["), json.out());

        EvalCommandTest.Run drop = weir(true, "drop", "job:rps");
        assertEquals(0, drop.status(), drop.err());
        assertEquals("dropped job:rps\n", drop.out());
        // The server lists a dropped view as such until the drop has gone through.
        String after = weir(false, "views").out();
        assertTrue(after.equals("no views\n") || after.contains("job:rps  1m    dropped "), after);

        EvalCommandTest.Run unknown = weir(true, "drop", "no:such:view");
        assertEquals(ExitCodes.EVAL_FAILED, unknown.status());
        assertTrue(unknown.err().contains("not found"), unknown.err());
    }

    @Test
    void theServersParseErrorIsPrinted() {
        EvalCommandTest.Run r = weir(true, "register", "bad", "sum(", "--step", "1m");
        assertEquals(ExitCodes.USAGE, r.status());
        assertTrue(r.err().contains("1:5: parse error: unclosed left parenthesis"), r.err());
        assertEquals("no views\n", weir(false, "views").out());
    }

    @Test
    void withoutTheTokenNothingChanges() {
        EvalCommandTest.Run r = weir(false, "register", "up1", "up", "--step", "1m");
        assertEquals(ExitCodes.EVAL_FAILED, r.status());
        assertTrue(r.err().toLowerCase(java.util.Locale.ROOT).contains("token"), r.err());
        assertEquals("no views\n", weir(false, "views").out());
    }

    @Test
    void rulesFileRegistersEveryRule() throws IOException {
        Path rules = dir.resolve("rules.yml");
        Files.writeString(
                rules,
                """
                groups:
                  - name: http
                    interval: 30s
                    rules:
                      - record: job:requests:rate1m
                        expr: sum by (job) (rate(http_requests_total[1m]))
                      - record: job:errors:rate1m
                        expr: sum by (job) (rate(http_requests_total{code="500"}[1m]))
                """);
        EvalCommandTest.Run r = weir(true, "register", "--rules", rules.toString());
        assertEquals(0, r.status(), r.err());
        assertEquals(
                "registered job:requests:rate1m (step 30s): sum by (job)"
                        + " (rate(http_requests_total[1m]))\n"
                        + "registered job:errors:rate1m (step 30s): sum by (job)"
                        + " (rate(http_requests_total{code=\"500\"}[1m]))\n",
                r.out());
    }

    @Test
    void importedSamplesAnswerAsEvalAnswers() {
        String file = Path.of("../examples/http.prom").toString();
        EvalCommandTest.Run imported = weir(true, "import", file, "--chunk-lines", "1000");
        assertEquals(0, imported.status(), imported.err());
        assertTrue(imported.out().startsWith("imported "), imported.out());
        assertTrue(imported.err().contains("100%"), imported.err());

        String q =
                "histogram_quantile(0.9, sum by (le) (rate(http_request_duration_seconds_bucket[5m])))";
        String[] range = {
            "--start", "2024-01-01T00:10:00Z", "--end", "2024-01-01T00:50:00Z", "--step", "5m"
        };
        List<String> evalArgs = new ArrayList<>(List.of("eval", "-q"));
        evalArgs.addAll(List.of(range));
        evalArgs.addAll(List.of(file, q));
        EvalCommandTest.Run eval = EvalCommandTest.weir(evalArgs.toArray(String[]::new));
        List<String> queryArgs = new ArrayList<>(List.of("query", q));
        queryArgs.addAll(List.of(range));
        EvalCommandTest.Run query = weir(false, queryArgs.toArray(String[]::new));
        assertEquals(0, query.status(), query.err());
        assertEquals(eval.out(), query.out());
        assertTrue(query.out().lines().count() > 5, query.out());
    }

    @Test
    void importWithoutTheTokenIsRefused() {
        EvalCommandTest.Run r = weir(false, "import", "../examples/http.prom", "-q");
        assertEquals(ExitCodes.EVAL_FAILED, r.status());
        assertTrue(
                r.err().contains("refused by the server (0 of 3,374 samples imported before it)"),
                r.err());
    }

    @Test
    void aBadLineStopsTheImportBeforeAnythingIsSent() throws IOException {
        Path file = dir.resolve("bad.prom");
        Files.writeString(file, "a 1 1000\nb 2 2000\nc{ 3 3000\nd 4 4000\n");
        EvalCommandTest.Run r = weir(true, "import", file.toString(), "--chunk-lines", "2", "-q");
        assertEquals(ExitCodes.USAGE, r.status(), r.err());
        assertTrue(r.err().startsWith(file + ":3: "), r.err());
        assertTrue(r.err().endsWith(file + ": nothing imported\n"), r.err());
        EvalCommandTest.Run q =
                weir(false, "query", "count({__name__=~\"a|b|c|d\"})", "--time", "5");
        assertEquals("empty query result", q.out().strip(), q.out());
    }

    @Test
    void openMetricsIsReadWholeAndSentInChunks() throws IOException {
        Path file = dir.resolve("om.txt");
        Files.writeString(
                file,
                """
                # TYPE a counter
                a_total 1 1
                a_total 2 2
                a_total 3 3
                # TYPE h histogram
                h_bucket{le="0.5"} 0 3
                h_bucket{le="1"} 1 3
                # EOF
                """);
        EvalCommandTest.Run r = weir(true, "import", file.toString(), "--chunk-lines", "2", "-q");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().startsWith("imported 5 samples"), r.out());
        // The histogram's le="1" is read as a bound and becomes "1.0", as Prometheus reads it.
        EvalCommandTest.Run q = weir(false, "query", "h_bucket", "--time", "3");
        assertTrue(q.out().contains("h_bucket{le=\"1.0\"}"), q.out());
        EvalCommandTest.Run sum =
                weir(false, "query", "sum_over_time(a_total[10s])", "--time", "3");
        assertTrue(sum.out().contains("  6\n"), sum.out());
    }
}
