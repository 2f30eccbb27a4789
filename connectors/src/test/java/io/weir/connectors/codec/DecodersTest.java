package io.weir.connectors.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.weir.connectors.dlq.DlqReason;
import io.weir.promql.model.Labels;
import io.weir.promql.model.StaleNaN;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class DecodersTest {
    private static final long RECORD_TIME = 1_700_000_099_000L;

    private static Decoded decode(MetricFormat format, String value) {
        return format.decoder().decode(null, value.getBytes(StandardCharsets.UTF_8), RECORD_TIME);
    }

    private static List<MetricSample> samples(Decoded d) {
        if (d instanceof Decoded.Samples s) {
            return s.samples();
        }
        throw new AssertionError("expected samples, got " + d);
    }

    private static String failure(Decoded d) {
        if (d instanceof Decoded.Failed f) {
            assertEquals(DlqReason.UNDECODABLE, f.reason());
            return f.message();
        }
        throw new AssertionError("expected a failure, got " + d);
    }

    @Test
    void jsonSingleSample() {
        assertEquals(
                List.of(
                        new MetricSample(
                                Labels.of("__name__", "x", "job", "a"), 1_700_000_000_000L, 1.5)),
                samples(
                        decode(
                                MetricFormat.JSON,
                                "{\"labels\":{\"job\":\"a\",\"__name__\":\"x\"},"
                                        + "\"timestamp\":1700000000000,\"value\":1.5}")));
    }

    @Test
    void jsonBatchForms() {
        Labels x = Labels.of("__name__", "x");
        Labels y = Labels.of("__name__", "y");
        List<MetricSample> got =
                samples(
                        decode(
                                MetricFormat.JSON,
                                "[{\"labels\":{\"__name__\":\"x\"},\"samples\":[[1,2],[3,\"+Inf\"]]},"
                                        + "{\"labels\":{\"__name__\":\"y\"},\"timestamp\":5,\"value\":\"1e3\"}]"));
        assertEquals(
                List.of(
                        new MetricSample(x, 1, 2),
                        new MetricSample(x, 3, Double.POSITIVE_INFINITY),
                        new MetricSample(y, 5, 1000)),
                got);
    }

    @Test
    void jsonErrorsSayWhatIsWrong() {
        assertEquals("empty JSON record", failure(decode(MetricFormat.JSON, "")));
        assertEquals(
                "sample: labels lack a metric name (__name__)",
                failure(decode(MetricFormat.JSON, "{\"labels\":{},\"timestamp\":1,\"value\":1}")));
        assertEquals(
                "sample: \"timestamp\" must be a whole number, got 1.5",
                failure(
                        decode(
                                MetricFormat.JSON,
                                "{\"labels\":{\"__name__\":\"x\"},\"timestamp\":1.5,\"value\":1}")));
        assertEquals(
                "sample: value \"abc\" is not a number",
                failure(
                        decode(
                                MetricFormat.JSON,
                                "{\"labels\":{\"__name__\":\"x\"},\"timestamp\":1,\"value\":\"abc\"}")));
        assertEquals(
                "element 1: expected a JSON object",
                failure(
                        decode(
                                MetricFormat.JSON,
                                "[{\"labels\":{\"__name__\":\"x\"},\"timestamp\":1,\"value\":1},3]")));
        assertEquals(
                "sample: value of label job must be a string",
                failure(
                        decode(
                                MetricFormat.JSON,
                                "{\"labels\":{\"__name__\":\"x\",\"job\":1},\"timestamp\":1,\"value\":1}")));
        String invalid = failure(decode(MetricFormat.JSON, "{\"labels\":"));
        assertEquals(true, invalid.startsWith("invalid JSON: "), invalid);
    }

    @Test
    void prometheusTextWithAndWithoutTimestamps() {
        List<MetricSample> got =
                samples(
                        decode(
                                MetricFormat.PROMETHEUS_TEXT,
                                "# TYPE up gauge\nup{job=\"a\"} 1 1700000000000\nup{job=\"b\"} 0\n"));
        assertEquals(
                List.of(
                        new MetricSample(
                                Labels.of("__name__", "up", "job", "a"), 1_700_000_000_000L, 1),
                        new MetricSample(Labels.of("__name__", "up", "job", "b"), RECORD_TIME, 0)),
                got);
    }

    @Test
    void openMetricsSecondsTimestamps() {
        List<MetricSample> got =
                samples(decode(MetricFormat.OPENMETRICS, "up 1 1700000000.5\n# EOF\n"));
        assertEquals(
                List.of(new MetricSample(Labels.of("__name__", "up"), 1_700_000_000_500L, 1)), got);
    }

    @Test
    void aBadTextLineRejectsTheWholeRecord() {
        String message = failure(decode(MetricFormat.PROMETHEUS_TEXT, "up 1 1000\nup{ 2 1000\n"));
        assertEquals("record:2: expected a label name, got \"2\"", message);
        Decoded noTime =
                MetricFormat.PROMETHEUS_TEXT
                        .decoder()
                        .decode(null, "up 1\n".getBytes(StandardCharsets.UTF_8), -1);
        assertEquals(
                "record:1: sample has no timestamp, and no default time was given",
                failure(noTime));
    }

    @Test
    void binaryDecoderReportsCorruption() {
        assertEquals(
                "unsupported sample batch format version 7 (expected 1)",
                failure(new BinaryBatchDecoder().decode(null, new byte[] {7}, RECORD_TIME)));
        SampleBatch b = SampleBatch.of(Labels.of("__name__", "up"), 5, StaleNaN.VALUE);
        List<MetricSample> got =
                samples(
                        new BinaryBatchDecoder()
                                .decode(
                                        MetricBatchCodec.encodeKey(b.labels()),
                                        MetricBatchCodec.encodeValue(b),
                                        RECORD_TIME));
        assertEquals(StaleNaN.BITS, Double.doubleToRawLongBits(got.get(0).value()));
    }

    @Test
    void formatsByConfigurationName() {
        assertEquals(MetricFormat.OPENMETRICS, MetricFormat.fromCode(" OpenMetrics "));
        assertEquals(
                "unknown metrics format \"csv\" (expected binary, prometheus, openmetrics or json)",
                org.junit.jupiter.api.Assertions.assertThrows(
                                IllegalArgumentException.class, () -> MetricFormat.fromCode("csv"))
                        .getMessage());
    }
}
