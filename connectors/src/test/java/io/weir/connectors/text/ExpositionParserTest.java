package io.weir.connectors.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weir.promql.model.Labels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExpositionParserTest {

    record Sample(Labels labels, long t, double v) {}

    private static List<Sample> parse(ExpositionFormat format, String text) {
        List<Sample> out = new ArrayList<>();
        new ExpositionParser(format, "data.prom")
                .parse(
                        text.getBytes(StandardCharsets.UTF_8),
                        (l, t, v) -> out.add(new Sample(l, t, v)));
        return out;
    }

    private static List<Sample> prom(String text) {
        return parse(ExpositionFormat.PROMETHEUS, text);
    }

    private static List<Sample> om(String text) {
        return parse(ExpositionFormat.OPENMETRICS, text);
    }

    private static String promError(String text) {
        return assertThrows(ExpositionException.class, () -> prom(text)).getMessage();
    }

    private static String omError(String text) {
        return assertThrows(ExpositionException.class, () -> om(text)).getMessage();
    }

    @Test
    void prometheusTextWithMetadataAndComments() {
        List<Sample> s =
                prom(
                        """
                        # HELP http_requests_total The total number of requests.
                        # TYPE http_requests_total counter
                        # just a comment
                        #another comment

                        http_requests_total{method="post",code="200"} 1027 1395066363000
                        http_requests_total{method="post",code="400"}    3 1395066363000
                        metric_without_labels 12.47 1395066363001
                        """);
        assertEquals(
                List.of(
                        new Sample(
                                Labels.of(
                                        "__name__", "http_requests_total",
                                        "method", "post",
                                        "code", "200"),
                                1395066363000L,
                                1027),
                        new Sample(
                                Labels.of(
                                        "__name__", "http_requests_total",
                                        "method", "post",
                                        "code", "400"),
                                1395066363000L,
                                3),
                        new Sample(
                                Labels.of("__name__", "metric_without_labels"),
                                1395066363001L,
                                12.47)),
                s);
    }

    @Test
    void specialValuesAndNumberForms() {
        List<Sample> s =
                prom(
                        """
                        a +Inf 1
                        a -Inf 2
                        a NaN 3
                        a 1.5e3 4
                        a -0.25 5
                        a .5 6
                        a 1e-3 7
                        a inf 8
                        a Infinity 9
                        a 123456789012345678901234567890 10
                        """);
        double[] expected = {
            Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY,
            Double.NaN,
            1500,
            -0.25,
            0.5,
            0.001,
            Double.POSITIVE_INFINITY,
            Double.POSITIVE_INFINITY,
            1.2345678901234568e29
        };
        assertEquals(expected.length, s.size());
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], s.get(i).v(), "line " + (i + 1));
            assertEquals(i + 1, s.get(i).t());
        }
    }

    @Test
    void escapesInLabelValues() {
        List<Sample> s =
                prom("m{a=\"quote \\\" backslash \\\\ newline \\n other \\t\",b=\"ü→\"} 1 0\n");
        Labels l = s.get(0).labels();
        assertEquals("quote \" backslash \\ newline \n other \\t", l.get("a"));
        assertEquals("ü→", l.get("b"));
    }

    @Test
    void quotedUtf8MetricAndLabelNames() {
        List<Sample> s =
                prom(
                        """
                        {"my.metric","a.b"="x"} 1 10
                        {"a.b"="y", "my.metric"} 2 20
                        {"plain_name", c="z",} 3 30
                        """);
        assertEquals(Labels.of("__name__", "my.metric", "a.b", "x"), s.get(0).labels());
        assertEquals(Labels.of("__name__", "my.metric", "a.b", "y"), s.get(1).labels());
        assertEquals(Labels.of("__name__", "plain_name", "c", "z"), s.get(2).labels());
    }

    @Test
    void blanksAndTrailingCommaAndCrlf() {
        List<Sample> s = prom("  m { a = \"1\" , } \t 5 \t 7 \r\nm{}1 8\n");
        assertEquals(new Sample(Labels.of("__name__", "m", "a", "1"), 7, 5), s.get(0));
        assertEquals(new Sample(Labels.of("__name__", "m"), 8, 1), s.get(1));
    }

    @Test
    void lastLineWithoutNewline() {
        assertEquals(2, prom("a 1 1\na 2 2").size());
    }

    @Test
    void sameSeriesTextGivesSameLabelsInstance() {
        List<Sample> s = prom("m{a=\"1\"} 1 1\nm{a=\"1\"} 2 2\n");
        assertSame(s.get(0).labels(), s.get(1).labels());
    }

    @Test
    void histogramAndSummaryLabelsAreNormalizedAsInPrometheus3() {
        List<Sample> s =
                prom(
                        """
                        # TYPE h histogram
                        h_bucket{le="1"} 1 1
                        h_bucket{le="0.25"} 1 1
                        h_bucket{le="1000000"} 1 1
                        h_bucket{le="+Inf"} 1 1
                        h_bucket{le="x"} 1 1
                        # TYPE s summary
                        s{quantile="0"} 1 1
                        s{le="1"} 1 1
                        # TYPE g gauge
                        g{le="1"} 1 1
                        """);
        List<String> les = new ArrayList<>();
        s.forEach(x -> les.add(x.labels().get("le") + "|" + x.labels().get("quantile")));
        assertEquals(List.of("1.0|", "0.25|", "1e+06|", "+Inf|", "x|", "|0.0", "1|", "1|"), les);
    }

    @Test
    void openMetricsTimestampsAreSeconds() {
        List<Sample> s =
                om(
                        """
                        # TYPE foo counter
                        # UNIT foo_seconds seconds
                        # HELP foo_seconds Some help.
                        foo_total 17.0 1520879607.789
                        foo_total 18 1520879608
                        foo_total 19 1520879608.5 # {trace_id="KOO5S4vxi0o"} 0.67 1520879608.4
                        foo_created 1520430000.123 1520879609
                        # EOF
                        """);
        assertEquals(1520879607789L, s.get(0).t());
        assertEquals(1520879608000L, s.get(1).t());
        assertEquals(1520879608500L, s.get(2).t());
        assertEquals(19, s.get(2).v());
        assertEquals(1520879609000L, s.get(3).t());
        assertEquals("foo_created", s.get(3).labels().metricName());
    }

    @Test
    void openMetricsSampleWithoutTimestampTakesTheDefault() {
        List<Sample> out = new ArrayList<>();
        new ExpositionParser(ExpositionFormat.OPENMETRICS, "x")
                .withDefaultTimestamp(42_000)
                .parse(
                        "foo_total 20 # {trace_id=\"x\"} 1\n# EOF\n"
                                .getBytes(StandardCharsets.UTF_8),
                        (l, t, v) -> out.add(new Sample(l, t, v)));
        assertEquals(42_000, out.get(0).t());
    }

    @Test
    void defaultTimestampFillsMissingOnesOnly() {
        List<Sample> out = new ArrayList<>();
        long n =
                new ExpositionParser(ExpositionFormat.PROMETHEUS, "x")
                        .withDefaultTimestamp(5000)
                        .parse(
                                "a 1\na 2 7\n".getBytes(StandardCharsets.UTF_8),
                                (l, t, v) -> out.add(new Sample(l, t, v)));
        assertEquals(2, n);
        assertEquals(5000, out.get(0).t());
        assertEquals(7, out.get(1).t());
    }

    @Test
    void detectsTheFormatByTheEofMarker() {
        assertEquals(
                ExpositionFormat.OPENMETRICS,
                ExpositionFormat.detect("a 1 1\n# EOF\n\n".getBytes(StandardCharsets.UTF_8)));
        assertEquals(
                ExpositionFormat.OPENMETRICS,
                ExpositionFormat.detect("# EOF".getBytes(StandardCharsets.UTF_8)));
        assertEquals(
                ExpositionFormat.PROMETHEUS,
                ExpositionFormat.detect("a 1 1\n".getBytes(StandardCharsets.UTF_8)));
        assertEquals(
                ExpositionFormat.PROMETHEUS,
                ExpositionFormat.detect("a 1 1\n# EOF more\n".getBytes(StandardCharsets.UTF_8)));
        assertEquals(ExpositionFormat.PROMETHEUS, ExpositionFormat.detect(new byte[0]));
    }

    @Test
    void eofIsAnOrdinaryCommentInPrometheusText() {
        assertEquals(1, prom("# EOF\na 1 1\n").size());
    }

    @Test
    void longLinesAcrossBufferBoundaries() {
        StringBuilder sb = new StringBuilder();
        String big = "x".repeat(200_000);
        for (int i = 0; i < 3; i++) {
            sb.append("m{big=\"").append(big).append("\",i=\"").append(i).append("\"} ");
            sb.append(i).append(' ').append(i * 1000).append('\n');
        }
        List<Sample> s = prom(sb.toString());
        assertEquals(3, s.size());
        assertEquals(big, s.get(2).labels().get("big"));
        assertEquals(2000, s.get(2).t());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
                    a{b="c"}                   | data.prom:1: expected a value after the labels
                    a                          | data.prom:1: expected a value after the metric name
                    a{b="c"} abc 1             | data.prom:1: invalid value "abc": not a number
                    a 1 1.5                    | data.prom:1: invalid timestamp "1.5": the Prometheus text format takes integer milliseconds (OpenMetrics data, with timestamps in seconds, ends with "# EOF")
                    a 1                        | data.prom:1: sample has no timestamp, and no default time was given
                    a 1 2 3                    | data.prom:1: unexpected "3" after the timestamp
                    a{b="c" 1 2                | data.prom:1: expected ',' or '}' after the value of b, got "1"
                    a{b="c} 1 2                | data.prom:1: unterminated quoted label value
                    a{b=c} 1 2                 | data.prom:1: expected a quoted label value after b=, got "c}"
                    a{b} 1 2                   | data.prom:1: expected '=' after label name "b", got "}"
                    a{1=x} 1 2                 | data.prom:1: expected a label name, got "1=x}"
                    a{b="1",b="2"} 1 2         | data.prom:1: duplicate label name "b"
                    {b="c"} 1 2                | data.prom:1: metric name not set: give it before '{' or quoted inside
                    {"x","y"} 1 2              | data.prom:1: metric name already set, then "y"
                    a{"x"} 1 2                 | data.prom:1: metric name already set, then "x"
                    a-b 1 2                    | data.prom:1: unexpected "-b" after the metric name
                    1a 1 2                     | data.prom:1: expected a metric name or '{', got "1a"
                    a 1e999 2                  | data.prom:1: invalid value "1e999": value out of range
                    a 0x1p3 2                  | data.prom:1: invalid value "0x1p3": not a number
                    a +NaN 2                   | data.prom:1: invalid value "+NaN": not a number
                    # TYPE a countr            | data.prom:1: invalid metric type "countr"
                    # TYPE 9a counter          | data.prom:1: expected a metric name after TYPE, got "9a"
                    """)
    void badPrometheusLines(String line, String message) {
        assertEquals(message, promError(line + "\n"));
    }

    @Test
    void reportsEveryBadLineWithItsNumber() {
        String msg =
                promError(
                        """
                        a 1 1
                        a{b="c"}
                        a 2 2

                        a x 3
                        """);
        assertEquals(
                "data.prom:2: expected a value after the labels\n"
                        + "data.prom:5: invalid value \"x\": not a number",
                msg);
    }

    @Test
    void goodSamplesStillReachTheSinkAndTheListIsCapped() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            sb.append("bad\n");
        }
        sb.append("a 1 1\n");
        List<Sample> out = new ArrayList<>();
        ExpositionException e =
                assertThrows(
                        ExpositionException.class,
                        () ->
                                new ExpositionParser(ExpositionFormat.PROMETHEUS, "f")
                                        .withMaxProblems(3)
                                        .parse(
                                                sb.toString().getBytes(StandardCharsets.UTF_8),
                                                (l, t, v) -> out.add(new Sample(l, t, v))));
        assertEquals(1, out.size());
        assertEquals(3, e.problems().size());
        assertEquals(30, e.total());
        assertTrue(e.getMessage().endsWith("f: 27 more bad lines not shown"), e.getMessage());
    }

    @Test
    void invalidUtf8InALabelValue() {
        byte[] data = {'a', '{', 'b', '=', '"', (byte) 0xff, '"', '}', ' ', '1', ' ', '1', '\n'};
        ExpositionException e =
                assertThrows(
                        ExpositionException.class,
                        () ->
                                new ExpositionParser(ExpositionFormat.PROMETHEUS, "f")
                                        .parse(data, (l, t, v) -> {}));
        assertEquals("f:1: invalid UTF-8 in label value", e.getMessage());
    }

    @Test
    void badOpenMetrics() {
        assertEquals("data.prom:1: data does not end with # EOF", omError("a 1 1\n"));
        assertEquals("data.prom:2: unexpected data after # EOF", omError("# EOF\na 1 1\n"));
        assertEquals(
                "data.prom:1: invalid timestamp \"NaN\": not a time in seconds",
                omError("a 1 NaN\n# EOF\n"));
        assertEquals(
                "data.prom:1: invalid timestamp \"1704067200000\": OpenMetrics timestamps are"
                        + " seconds and this looks like milliseconds (Prometheus text format data"
                        + " must not end with \"# EOF\")",
                omError("a 1 1704067200000\n# EOF\n"));
        assertEquals(
                "data.prom:1: expected '{' to start an exemplar after '#', got \"x\"",
                omError("a 1 1 # x\n# EOF\n"));
        assertEquals(
                "data.prom:1: unit \"bytes\" not a suffix of metric \"a_seconds\"",
                omError("# UNIT a_seconds bytes\n# EOF\n"));
        assertEquals("data.prom:1: unexpected text after # EOF", omError("# EOF now\n# EOF\n"));
    }
}
