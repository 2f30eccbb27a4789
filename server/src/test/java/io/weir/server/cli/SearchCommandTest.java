package io.weir.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code weir search}: matching series on standard output, positioned errors, EXPLAIN. */
class SearchCommandTest {
    @TempDir static Path dir;
    static String data;

    record Run(int status, String out, String err) {}

    static Run weir(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(status, out.toString(), err.toString());
    }

    @BeforeAll
    static void writeData() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= 10; i++) {
            long t = 1_704_067_200_000L + i * 60_000L;
            sb.append("latency_seconds{service=\"checkout-api\",region=\"eu\"} ")
                    .append(i / 10.0)
                    .append(' ')
                    .append(t)
                    .append('\n');
            sb.append("latency_seconds{service=\"cart\"} ")
                    .append(i)
                    .append(' ')
                    .append(t)
                    .append('\n');
        }
        Path f = dir.resolve("data.prom");
        Files.writeString(f, sb.toString(), StandardCharsets.UTF_8);
        data = f.toString();
    }

    @Test
    void printsMatchingSeries() {
        Run r = weir("search", "-q", "kw('checkout') AND label('region')", "--data", data);
        assertEquals(0, r.status(), r.err());
        assertEquals(
                "latency_seconds{region=\"eu\", service=\"checkout-api\"}\n",
                r.out().replace("\r\n", "\n"));
    }

    @Test
    void percentileOverTheLastRange() {
        Run r = weir("search", "-q", "pct(0.5, 10m) > 2", "--data", data);
        assertEquals(0, r.status(), r.err());
        assertEquals("latency_seconds{service=\"cart\"}\n", r.out().replace("\r\n", "\n"));
        Run s =
                weir(
                        "search",
                        "-q",
                        "NOT pct(0.5, 10m) > 2",
                        "--data",
                        data,
                        "--executor",
                        "sequential");
        assertTrue(s.out().contains("checkout-api"), s.out());
        assertTrue(!s.out().contains("cart\""), s.out());
    }

    @Test
    void badExpressionIsAPositionedUsageError() {
        Run r = weir("search", "kw('a') AND\n  pct(2, 1h) > 1", "--data", data);
        assertEquals(2, r.status());
        assertEquals(
                "2:7: quantile must be between 0 and 1, got 2\n", r.err().replace("\r\n", "\n"));
    }

    @Test
    void explainShowsPlanAndGroups() {
        Run r =
                weir(
                        "search",
                        "-q",
                        "pct(0.9, 1h) > 1 AND kw('latency') AND kw('checkout')",
                        "--data",
                        data,
                        "--explain");
        assertEquals(0, r.status(), r.err());
        String out = r.out().replace("\r\n", "\n");
        assertTrue(out.startsWith("AND  [read g0, write g0]"), out);
        assertTrue(out.contains("\n  kw:all('latency', 'checkout')  [read g0, write g0]"), out);
        assertTrue(out.contains("\n  pct(0.9, 1h) > 1  [read g0, write g0]"), out);
    }
}
