package io.weir.server.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weir.connectors.text.ExpositionFormat;
import io.weir.connectors.text.ExpositionParser;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every chunk parses on its own, and the chunks together hold exactly the samples of the whole
 * input, in order: the same series (a histogram's {@code le} read by its carried type), times and
 * value bits.
 */
class ExpositionChunkerTest {
    private static final String OPENMETRICS =
            """
            # HELP rpc_duration_seconds RPC latency.
            # TYPE rpc_duration_seconds histogram
            # UNIT rpc_duration_seconds seconds
            rpc_duration_seconds_bucket{le="0.5"} 1 1704067200
            rpc_duration_seconds_bucket{le="1"} 2 1704067200
            rpc_duration_seconds_bucket{le="+Inf"} 3 1704067200
            rpc_duration_seconds_count 3 1704067200
            rpc_duration_seconds_sum 2.5 1704067200
            rpc_duration_seconds_bucket{le="0.5"} 2 1704067215.5
            rpc_duration_seconds_bucket{le="1"} 4 1704067215.5
            rpc_duration_seconds_bucket{le="+Inf"} 6 1704067215.5
            rpc_duration_seconds_count 6 1704067215.5
            rpc_duration_seconds_sum 5 1704067215.5
            # TYPE jobs_total counter
            jobs_total{queue="a"} 1 1704067200
            jobs_total{queue="a"} NaN 1704067215
            # EOF
            """;

    record Sample(String series, long t, long bits) {}

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 7, 100, 20_000})
    void chunksOfTheExampleHoldItsSamples(int lines) throws IOException {
        byte[] all = Files.readAllBytes(Path.of("../examples/http.prom"));
        List<Sample> whole = parse(all, all.length, ExpositionFormat.PROMETHEUS);
        assertTrue(whole.size() > 1000, "the example has samples");
        assertEquals(whole, chunked(all, false, lines, ExpositionFormat.PROMETHEUS));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 4, 5, 100})
    void openMetricsChunksEachEndWithEof(int lines) throws IOException {
        byte[] all = OPENMETRICS.getBytes(StandardCharsets.UTF_8);
        List<Sample> whole = parse(all, all.length, ExpositionFormat.OPENMETRICS);
        assertEquals(12, whole.size());
        assertTrue(whole.get(1).series().contains("le=\"1.0\""), whole.get(1).toString());
        assertEquals(whole, chunked(all, true, lines, ExpositionFormat.OPENMETRICS));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3})
    void linesAreCountedFromOne(int lines) throws IOException {
        byte[] all = "a 1 1\nb 2 2\nc 3 3\nd 4 4".getBytes(StandardCharsets.UTF_8);
        ExpositionChunker c = new ExpositionChunker(new ByteArrayInputStream(all), false, lines);
        long expectedFirst = 1;
        long bytes = 0;
        for (ExpositionChunker.Chunk k; (k = c.next()) != null; ) {
            assertEquals(expectedFirst, k.firstLine());
            expectedFirst += k.lines();
            bytes += k.inputBytes();
        }
        assertEquals(5, expectedFirst);
        assertEquals(all.length, bytes);
    }

    private static List<Sample> chunked(
            byte[] all, boolean openMetrics, int lines, ExpositionFormat format)
            throws IOException {
        ExpositionChunker c =
                new ExpositionChunker(new ByteArrayInputStream(all), openMetrics, lines);
        List<Sample> out = new ArrayList<>();
        for (ExpositionChunker.Chunk k; (k = c.next()) != null; ) {
            out.addAll(parse(k.bytes(), k.length(), format));
        }
        return out;
    }

    private static List<Sample> parse(byte[] data, int length, ExpositionFormat format) {
        byte[] b = length == data.length ? data : java.util.Arrays.copyOf(data, length);
        List<Sample> out = new ArrayList<>();
        new ExpositionParser(format, "test")
                .parse(
                        b,
                        (series, t, v) ->
                                out.add(
                                        new Sample(
                                                series.toString(),
                                                t,
                                                Double.doubleToRawLongBits(v))));
        return out;
    }
}
