package io.weir.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weir.connectors.text.ExpositionFormat;
import io.weir.connectors.text.ExpositionParser;
import io.weir.promql.eval.MemorySampleStore;
import io.weir.server.http.ApiOptions;
import io.weir.server.http.ApiServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code weir query} against a real {@link ApiServer} serving {@code requests.prom}: it prints what
 * {@code weir eval} prints for the same query over the same file, table and JSON, and the server's
 * errors with their exit status.
 */
class QueryCommandTest {
    private static ApiServer server;

    @BeforeAll
    static void serve() throws IOException {
        MemorySampleStore store = new MemorySampleStore();
        Path file = Path.of(EvalCommandTest.data());
        try (InputStream in = Files.newInputStream(file)) {
            new ExpositionParser(ExpositionFormat.PROMETHEUS, "requests.prom")
                    .parse(in, store::append);
        }
        server = ApiServer.start(store, ApiOptions.loopback(0));
    }

    @AfterAll
    static void close() {
        server.close();
    }

    private static EvalCommandTest.Run query(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "query";
        all[1] = "--server";
        all[2] = server.url();
        System.arraycopy(args, 0, all, 3, args.length);
        return EvalCommandTest.weir(all);
    }

    @Test
    void instantQueryPrintsTheTableEvalPrints() {
        String q = "sum by (code) (rate(http_requests_total[1m]))";
        EvalCommandTest.Run eval =
                EvalCommandTest.weir(
                        "eval", "-q", "--time", "1704067500", EvalCommandTest.data(), q);
        EvalCommandTest.Run run = query(q, "--time", "1704067500");
        assertEquals(0, run.status(), run.err());
        assertEquals(eval.out(), run.out());
        assertTrue(run.out().contains("{code=\"200\"}"), run.out());
    }

    @Test
    void rangeQueryPrintsTheTableEvalPrints() {
        String q = "rate(http_requests_total[1m])";
        String[] range = {"--start", "1704067260", "--end", "1704067500", "--step", "1m"};
        EvalCommandTest.Run eval =
                EvalCommandTest.weir(
                        "eval",
                        "-q",
                        range[0],
                        range[1],
                        range[2],
                        range[3],
                        range[4],
                        range[5],
                        EvalCommandTest.data(),
                        q);
        EvalCommandTest.Run run =
                query(q, range[0], range[1], range[2], range[3], range[4], range[5]);
        assertEquals(0, run.status(), run.err());
        assertEquals(eval.out(), run.out());
    }

    @Test
    void jsonIsTheServersBody() {
        String q = "http_requests_total";
        EvalCommandTest.Run eval =
                EvalCommandTest.weir(
                        "eval",
                        "-q",
                        "--format",
                        "json",
                        "--time",
                        "1704067500",
                        EvalCommandTest.data(),
                        q);
        EvalCommandTest.Run run = query(q, "--time", "1704067500", "--json");
        assertEquals(0, run.status(), run.err());
        assertEquals(eval.out(), run.out());
    }

    @Test
    void scalarsAndStringsPrint() {
        EvalCommandTest.Run run = query("1 + 2", "--time", "1704067500");
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("scalar  2024-01-01T00:05:00Z  3"), run.out());
        EvalCommandTest.Run s = query("\"x\"", "--time", "1704067500");
        assertTrue(s.out().contains("string  2024-01-01T00:05:00Z  x"), s.out());
    }

    @Test
    void aBadQueryPrintsTheServersMessage() {
        EvalCommandTest.Run run = query("sum(", "--time", "1704067500");
        assertEquals(ExitCodes.USAGE, run.status());
        EvalCommandTest.Run eval =
                EvalCommandTest.weir("eval", "-q", "--time", "1", EvalCommandTest.data(), "sum(");
        // Prometheus's own wording: the parameter, then the parser's line:column message.
        assertEquals("invalid parameter \"query\": " + eval.err(), run.err());
        assertTrue(eval.err().startsWith("1:5: parse error:"), eval.err());
        assertEquals("", run.out());
    }

    @Test
    void anExecutionErrorFailsWithStatusOne() {
        EvalCommandTest.Run run =
                query("http_requests_total + on() http_requests_total", "--time", "1704067500");
        assertEquals(ExitCodes.EVAL_FAILED, run.status(), run.err());
        assertTrue(run.err().contains("many-to-many"), run.err());
    }

    @Test
    void rangeFlagsGoTogether() {
        EvalCommandTest.Run run = query("up", "--start", "1");
        assertEquals(ExitCodes.USAGE, run.status());
        assertTrue(run.err().contains("--start, --end and --step"), run.err());
    }

    @Test
    void anUnreachableServerIsNamed() throws IOException {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        EvalCommandTest.Run run =
                EvalCommandTest.weir("query", "--server", "http://127.0.0.1:" + port, "up");
        assertEquals(ExitCodes.EVAL_FAILED, run.status());
        assertTrue(
                run.err().contains("cannot reach the server at http://127.0.0.1:" + port),
                run.err());
    }
}
