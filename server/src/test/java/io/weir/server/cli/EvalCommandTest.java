package io.weir.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Runs {@code weir eval} in-process and checks what a user sees: standard output, standard error
 * and the exit status. The expected JSON bodies in {@code src/test/resources/cli/} were worked out
 * by hand from Prometheus's rules for the data in {@code requests.prom} (samples every 15 s from
 * 2024-01-01T00:00:00Z, that is unix time 1704067200).
 *
 * <p>Tests that need the parser or the evaluator are skipped while those are stubs.
 */
class EvalCommandTest {
    private static final String T60 = "1704067260"; // 00:01:00

    record Run(int status, String out, String err) {}

    static Run weir(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(status, out.toString(), err.toString());
    }

    static String data() {
        try {
            return Path.of(
                            Objects.requireNonNull(
                                            EvalCommandTest.class.getResource("/cli/requests.prom"))
                                    .toURI())
                    .toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static String golden(String name) throws IOException {
        try (InputStream in = EvalCommandTest.class.getResourceAsStream("/cli/" + name)) {
            return new String(
                    Objects.requireNonNull(in, name).readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    // ---- results: JSON exactly as Prometheus's API, and the table ----

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
                    instant-selector.json        | http_requests_total                            | --time=1704067500
                    instant-range-selector.json  | temperature_celsius{room="a"}[1m]              | --time=1704067260
                    scalar.json                  | 1 + 2                                          | --time=1704067210.5
                    string.json                  | "<b>"                                          | --time=2024-01-01T00:00:10.5Z
                    division-by-zero.json        | temperature_celsius / 0                        | --time=1704067260
                    negative-infinity.json       | -temperature_celsius{room="a"} / 0             | --time=2024-01-01T01:01:00+01:00
                    tiny-values.json             | temperature_celsius * 1e-9                     | --time=1704067260
                    nan-scalar.json              | 0 / 0                                          | --time=1704067260
                    """)
    void instantQueryJson(String golden, String query, String time) throws IOException {
        Run r = weir("eval", data(), query, time, "--format", "json");
        assertEquals(0, r.status(), r.err());
        assertEquals(golden(golden), r.out().strip());
    }

    @Test
    void rangeQueryJson() throws IOException {
        Run r =
                weir(
                        "eval",
                        data(),
                        "sum by (code) (rate(http_requests_total[1m]))",
                        "--start",
                        T60,
                        "--end",
                        "2024-01-01T00:03:00Z",
                        "--step",
                        "1m",
                        "--format=json");
        assertEquals(0, r.status(), r.err());
        assertEquals(golden("range-rate.json"), r.out().strip());
    }

    @Test
    void rangeQueryTable() throws IOException {
        Run r =
                weir(
                        "eval",
                        data(),
                        "sum by (code) (rate(http_requests_total[1m]))",
                        "--start=1704067260",
                        "--end=1704067380",
                        "--step=60");
        assertEquals(0, r.status(), r.err());
        assertEquals(golden("range-rate.txt"), r.out().replace(System.lineSeparator(), "\n"));
    }

    @Test
    void instantQueryTable() throws IOException {
        Run r = weir("eval", data(), "http_requests_total", "--time", "1704067500");
        assertEquals(0, r.status(), r.err());
        assertEquals(golden("instant-selector.txt"), r.out().replace(System.lineSeparator(), "\n"));
    }

    /** The command shown to newcomers, over the example data shipped in the repository. */
    @Test
    void exampleCommand() throws IOException {
        Path example = Path.of(System.getProperty("user.dir")).resolve("../examples/http.prom");
        Run r =
                weir(
                        "eval",
                        example.toString(),
                        "sum by (code) (rate(http_requests_total[5m]))",
                        "--start",
                        "2024-01-01T00:15:00Z",
                        "--end",
                        "2024-01-01T00:45:00Z",
                        "--step",
                        "5m");
        assertEquals(0, r.status(), r.err());
        assertEquals(
                golden("example-http-rate.txt"), r.out().replace(System.lineSeparator(), "\n"));
    }

    @Test
    void warningsGoIntoTheJsonBodyAndToStderrWithTheTable() throws IOException {
        String query = "quantile(2, http_requests_total)";
        Run json = weir("eval", data(), query, "--time=1704067500", "--format=json");
        assertEquals(0, json.status(), json.err());
        assertTrue(
                json.out()
                        .contains(
                                ",\"warnings\":[\"PromQL warning: quantile value should be between"
                                        + " 0 and 1, got 2 (1:10)\"]}"),
                json.out());
        Run table = weir("eval", data(), query, "--time=1704067500");
        assertEquals(0, table.status(), table.err());
        assertTrue(
                table.err()
                        .contains(
                                "warning: PromQL warning: quantile value should be between 0 and 1,"
                                        + " got 2 (1:10)"),
                table.err());
    }

    @Test
    void withoutATimeTheNewestSampleIsUsed() throws IOException {
        Run r = weir("eval", data(), "http_requests_total", "--format=json");
        assertEquals(0, r.status(), r.err());
        assertEquals(golden("instant-selector.json"), r.out().strip());
        assertTrue(
                r.err().contains("evaluating at 2024-01-01T00:05:00Z, the newest sample's time"),
                r.err());
        Run quiet = weir("eval", data(), "http_requests_total", "--format=json", "-q");
        assertEquals("", quiet.err());
    }

    @Test
    void emptyResult() {
        Run r = weir("eval", data(), "no_such_metric", "--time", T60);
        assertEquals(0, r.status(), r.err());
        assertEquals("empty query result", r.out().strip());
        Run json = weir("eval", data(), "no_such_metric", "--time", T60, "--format", "json");
        assertEquals(
                "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}",
                json.out().strip());
    }

    @Test
    void openMetricsInputAndDefaultTime(@TempDir Path dir) throws IOException {
        Path om = dir.resolve("m.om");
        Files.writeString(om, "# TYPE m gauge\nm{a=\"x\"} 1.5 1704067260.25\n# EOF\n");
        Run r = weir("eval", om.toString(), "m", "--time", "1704067261", "--format=json");
        assertEquals(0, r.status(), r.err());
        assertEquals(
                "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":"
                        + "[{\"metric\":{\"__name__\":\"m\",\"a\":\"x\"},"
                        + "\"value\":[1704067261,\"1.5\"]}]}}",
                r.out().strip());

        Path untimed = dir.resolve("untimed.prom");
        Files.writeString(untimed, "m 7\n");
        Run d =
                weir(
                        "eval",
                        untimed.toString(),
                        "m",
                        "--default-time=1704067200",
                        "--time=1704067230",
                        "--format=json");
        assertEquals(0, d.status(), d.err());
        assertTrue(d.out().contains("\"value\":[1704067230,\"7\"]"), d.out());
    }

    // ---- errors: messages on stderr, exit status 2 ----

    @Test
    void badQueryPrintsLineAndColumn() {
        Run r = weir("eval", data(), "sum(rate(http_requests_total[5m])", "--time", T60);
        assertEquals(2, r.status());
        assertEquals("", r.out());
        assertEquals("1:34: parse error: unclosed left parenthesis", r.err().strip());
    }

    @Test
    void badDataLinePrintsFileAndLineNumber(@TempDir Path dir) throws IOException {
        Path bad = dir.resolve("data.prom");
        Files.writeString(bad, "m 1 1000\nm{a=\"b\"}\nm 2 2000\n");
        Run r = weir("eval", bad.toString(), "m", "--time", "2");
        assertEquals(2, r.status());
        assertEquals("", r.out());
        assertEquals(bad + ":2: expected a value after the labels", r.err().strip());
    }

    @Test
    void missingFile(@TempDir Path dir) {
        String missing = dir.resolve("nope.prom").toString();
        Run r = weir("eval", missing, "up", "--time", T60);
        assertEquals(2, r.status());
        assertEquals(missing + ": no such file", r.err().strip());
    }

    @Test
    void aQueryMayStartWithAMinus(@TempDir Path dir) {
        String missing = dir.resolve("nope.prom").toString();
        Run r = weir("eval", missing, "-rate(x[5m])", "--time", T60);
        // Taken as the query, not as an unknown option: the command gets as far as the file.
        assertEquals(missing + ": no such file", r.err().strip());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
                    --time=1 --start=1 --end=2 --step=1 | weir eval: --time is for instant queries; --start, --end and --step for range ones
                    --start=1 --end=2                   | weir eval: a range query needs all of --start, --end and --step
                    --time=yesterday                    | weir eval: invalid --time: cannot parse "yesterday" to a valid timestamp
                    --start=2 --end=1 --step=1          | weir eval: invalid --end: end timestamp must not be before start time
                    --start=1 --end=2 --step=0          | weir eval: invalid --step: zero or negative query resolution step widths are not accepted. Try a positive integer
                    --start=1 --end=2 --step=1x         | weir eval: invalid --step: cannot parse "1x" to a valid duration
                    --start=0 --end=11001 --step=1      | weir eval: invalid --step: exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)
                    --lookback-delta=0s --time=1        | weir eval: --lookback-delta must be positive
                    """)
    void badArguments(String args, String message) {
        String[] argv = ("eval " + data() + " up " + args).split(" ");
        Run r = weir(argv);
        assertEquals(2, r.status(), r.err());
        assertEquals(message, r.err().strip());
        assertEquals("", r.out());
    }

    @Test
    void usageErrorsComeFromPicocliWithStatus2() {
        Run r = weir("eval", data());
        assertEquals(2, r.status());
        assertTrue(r.err().contains("Missing required parameter: 'QUERY'"), r.err());
        Run none = weir();
        assertEquals(2, none.status());
        assertTrue(none.err().contains("Usage: weir"), none.err());
        Run format = weir("eval", data(), "up", "--format=xml");
        assertEquals(2, format.status());
        assertTrue(format.err().contains("--format"), format.err());
    }

    @Test
    void helpAndVersion() {
        Run help = weir("eval", "--help");
        assertEquals(0, help.status());
        assertTrue(help.out().contains("--format"), help.out());
        Run version = weir("--version");
        assertEquals(0, version.status());
        assertTrue(version.out().startsWith("weir "), version.out());
    }
}
