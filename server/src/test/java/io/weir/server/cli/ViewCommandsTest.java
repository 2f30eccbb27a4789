package io.weir.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weir.connectors.text.ExpositionFormat;
import io.weir.connectors.text.ExpositionParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code weir register}, {@code views}, {@code drop} and {@code import} against a stand-in of the
 * views and import endpoints ({@link StandInViewsApi}), with a bearer token.
 */
class ViewCommandsTest {
    @TempDir Path dir;

    private Path token() throws IOException {
        Path t = dir.resolve("token");
        Files.writeString(t, "s3cret\n");
        return t;
    }

    private static EvalCommandTest.Run weir(StandInViewsApi api, Path token, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--server");
        all.add(api.url());
        if (token != null) {
            all.add("--token-file");
            all.add(token.toString());
        }
        return EvalCommandTest.weir(all.toArray(String[]::new));
    }

    @Test
    void registerListAndDrop() throws IOException {
        try (StandInViewsApi api = new StandInViewsApi("s3cret")) {
            EvalCommandTest.Run r =
                    weir(
                            api,
                            token(),
                            "register",
                            "rps",
                            "sum by (job) (rate(http_requests_total[1m]))",
                            "--step",
                            "1m",
                            "--lateness",
                            "30s");
            assertEquals(0, r.status(), r.err());
            assertEquals(
                    "registered rps (step 1m): sum by (job) (rate(http_requests_total[1m]))\n",
                    r.out());
            assertEquals("30s", api.views.get("rps").path("lateness").asText());

            EvalCommandTest.Run list = weir(api, null, "views");
            assertEquals(0, list.status(), list.err());
            assertEquals(
                    "NAME  STEP  STATUS   LAG    QUERY\n"
                            + "rps   1m    running  1m15s  sum by (job)"
                            + " (rate(http_requests_total[1m]))\n",
                    list.out());

            EvalCommandTest.Run drop = weir(api, token(), "drop", "rps");
            assertEquals(0, drop.status(), drop.err());
            assertEquals("dropped rps\n", drop.out());
            assertEquals("no views\n", weir(api, null, "views").out());

            EvalCommandTest.Run again = weir(api, token(), "drop", "rps");
            assertEquals(ExitCodes.EVAL_FAILED, again.status());
            assertEquals("view \"rps\" not found\n", again.err());
        }
    }

    @Test
    void aBadQueryPrintsTheServersMessage() throws IOException {
        try (StandInViewsApi api = new StandInViewsApi(null)) {
            EvalCommandTest.Run r = weir(api, null, "register", "bad", "sum(", "--step", "1m");
            assertEquals(ExitCodes.USAGE, r.status());
            assertEquals("1:5: parse error: unclosed left parenthesis\n", r.err());
            assertTrue(api.views.isEmpty());
        }
    }

    @Test
    void withoutTheTokenTheServerRefuses() throws IOException {
        try (StandInViewsApi api = new StandInViewsApi("s3cret")) {
            EvalCommandTest.Run r = weir(api, null, "register", "up1", "up", "--step", "1m");
            assertEquals(ExitCodes.EVAL_FAILED, r.status());
            assertEquals("missing or wrong bearer token\n", r.err());
            assertTrue(api.views.isEmpty());
        }
    }

    @Test
    void registerNeedsAStep() throws IOException {
        try (StandInViewsApi api = new StandInViewsApi(null)) {
            EvalCommandTest.Run r = weir(api, null, "register", "up1", "up");
            assertEquals(ExitCodes.USAGE, r.status());
            assertTrue(r.err().contains("--step"), r.err());
        }
    }

    @Test
    void rulesFileRegistersEveryRule() throws IOException {
        Path rules = dir.resolve("rules.yml");
        Files.writeString(
                rules,
                """
                groups:
                  - name: http
                    interval: 1m
                    rules:
                      - record: job:requests:rate1m
                        expr: sum by (job) (rate(http_requests_total[1m]))
                      - record: job:errors:rate1m
                        expr: sum by (job) (rate(http_requests_total{code="500"}[1m]))
                """);
        try (StandInViewsApi api = new StandInViewsApi(null)) {
            EvalCommandTest.Run r = weir(api, null, "register", "--rules", rules.toString());
            assertEquals(0, r.status(), r.err());
            assertEquals(2, r.out().lines().count(), r.out());
            assertTrue(r.out().startsWith("registered job:requests:rate1m (step 1m)"), r.out());
        }
    }

    @Test
    void importSendsEveryLineInChunks() throws IOException {
        Path file = Path.of("../examples/http.prom");
        List<String> expected = new ArrayList<>();
        long n =
                new ExpositionParser(ExpositionFormat.PROMETHEUS, "x")
                        .parse(Files.readAllBytes(file), (s, t, v) -> expected.add(s + ""));
        try (StandInViewsApi api = new StandInViewsApi("s3cret")) {
            EvalCommandTest.Run r =
                    weir(api, token(), "import", file.toString(), "--chunk-lines", "500");
            assertEquals(0, r.status(), r.err());
            assertTrue(r.out().startsWith(String.format("imported %,d samples from ", n)), r.out());
            assertTrue(r.err().contains("100%"), r.err());
            assertEquals(expected, api.importedSeries);
            long lines = Files.readAllLines(file, StandardCharsets.UTF_8).size();
            assertEquals((lines + 499) / 500, api.imports);
            assertTrue(api.importContentTypes.stream().allMatch(t -> t.startsWith("text/plain")));
        }
    }

    @Test
    void importStopsAtTheFirstRefusedChunkAndNamesItsLines() throws IOException {
        Path file = dir.resolve("bad.prom");
        Files.writeString(file, "a 1 1000\nb 2 2000\nc{ 3 3000\nd 4 4000\n");
        try (StandInViewsApi api = new StandInViewsApi(null)) {
            EvalCommandTest.Run r =
                    weir(api, null, "import", file.toString(), "--chunk-lines", "2", "-q");
            assertEquals(ExitCodes.USAGE, r.status());
            assertTrue(
                    r.err()
                            .startsWith(
                                    file
                                            + ": lines 3-4 refused (2 samples imported before them):\n"),
                    r.err());
            assertEquals(1, api.imports);
        }
    }

    @Test
    void openMetricsIsSentAsOpenMetrics() throws IOException {
        Path file = dir.resolve("om.txt");
        Files.writeString(file, "# TYPE a counter\na_total 1 1\na_total 2 2\na_total 3 3\n# EOF\n");
        try (StandInViewsApi api = new StandInViewsApi(null)) {
            EvalCommandTest.Run r =
                    weir(api, null, "import", file.toString(), "--chunk-lines", "2", "-q");
            assertEquals(0, r.status(), r.err());
            assertTrue(r.out().startsWith("imported 3 samples"), r.out());
            assertEquals(3, api.imports);
            assertTrue(
                    api.importContentTypes.stream()
                            .allMatch(t -> t.startsWith("application/openmetrics-text")));
        }
    }
}
