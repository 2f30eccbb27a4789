package io.weir.server.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weir.connectors.text.ExpositionException;
import io.weir.connectors.text.ExpositionFormat;
import io.weir.connectors.text.ExpositionParser;
import io.weir.promql.model.Labels;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The samples of an exposition come back in time order, stably (ties in file order), whether they
 * fit in memory or were spilled in runs; and the lines written for the server read back to the same
 * samples.
 */
class TimeSortedSamplesTest {
    record Sample(Labels labels, long t, long bits) {}

    @TempDir Path dir;

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 100, 1000, TimeSortedSamples.DEFAULT_RUN_SAMPLES})
    void theSeriesOrderedExampleComesBackInStableTimeOrder(int runSamples) throws IOException {
        byte[] all = Files.readAllBytes(Path.of("../examples/http.prom"));
        List<Sample> read = parse(all, ExpositionFormat.PROMETHEUS);
        assertTrue(read.size() > 1000, "the example has samples");
        List<Sample> want = new ArrayList<>(read);
        want.sort(Comparator.comparingLong(Sample::t)); // List.sort is stable
        assertTrue(!want.equals(read), "the example is written series by series");

        try (TimeSortedSamples s =
                TimeSortedSamples.read(
                        new ByteArrayInputStream(all),
                        ExpositionFormat.PROMETHEUS,
                        "http.prom",
                        dir,
                        runSamples)) {
            assertEquals(read.size(), s.size());
            assertEquals(runSamples < read.size(), s.spilledRuns() > 0);
            assertEquals(want, drain(s));
            // A second pass reads the same.
            assertEquals(want, drain(s));
        }
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(0, left.count(), "spilled runs are deleted");
        }
    }

    @Test
    void aBadLineFailsAfterTheWholeInputAndLeavesNoFiles() throws IOException {
        byte[] bad = "a 1 1\nb 2 2\nc{ 3 3\nd 4 4\n".getBytes(StandardCharsets.UTF_8);
        ExpositionException e =
                assertThrows(
                        ExpositionException.class,
                        () ->
                                TimeSortedSamples.read(
                                        new ByteArrayInputStream(bad),
                                        ExpositionFormat.PROMETHEUS,
                                        "bad.prom",
                                        dir,
                                        1));
        assertTrue(e.getMessage().startsWith("bad.prom:3: "), e.getMessage());
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(0, left.count());
        }
    }

    @Property(tries = 500)
    void linesWrittenForTheServerReadBackToTheSameSamples(@ForAll("samples") List<Sample> samples) {
        ExpositionLines lines = new ExpositionLines();
        for (Sample s : samples) {
            lines.add(s.labels(), s.t(), Double.longBitsToDouble(s.bits()));
        }
        assertEquals(samples.size(), lines.lines());
        byte[] text = lines.take();
        assertEquals(0, lines.lines());
        assertEquals(samples, parse(text, ExpositionFormat.PROMETHEUS));
    }

    @Provide
    Arbitrary<List<Sample>> samples() {
        Arbitrary<String> odd =
                Arbitraries.strings()
                        .withChars("abc_:.-é\"\\\n\t\r {}=,#")
                        .ofMinLength(1)
                        .ofMaxLength(6);
        Arbitrary<String> legacy =
                Arbitraries.strings().withChars("abc_").ofMinLength(1).ofMaxLength(4);
        Arbitrary<String> name = Arbitraries.oneOf(legacy, odd);
        Arbitrary<String> labelName =
                Arbitraries.oneOf(legacy, odd).filter(n -> !n.equals(Labels.METRIC_NAME));
        Arbitrary<Labels> labels =
                Combinators.combine(name, Arbitraries.maps(labelName, odd).ofMaxSize(3))
                        .as(
                                (n, m) -> {
                                    Labels.Builder b = Labels.builder();
                                    m.forEach(b::set);
                                    // A line of the text format always names its metric.
                                    return b.set(Labels.METRIC_NAME, n).build();
                                });
        Arbitrary<Double> value =
                Arbitraries.oneOf(
                        Arbitraries.doubles(),
                        Arbitraries.of(
                                Double.NaN,
                                Double.POSITIVE_INFINITY,
                                Double.NEGATIVE_INFINITY,
                                -0.0,
                                Double.MIN_VALUE,
                                Double.MAX_VALUE,
                                1e-300,
                                123456789.12345679),
                        Arbitraries.longs().map(Double::longBitsToDouble).filter(d -> !d.isNaN()));
        Arbitrary<Long> time =
                Arbitraries.longs().between(-1_000_000_000_000L, 10_000_000_000_000L);
        return Combinators.combine(labels, time, value)
                .as((l, t, v) -> new Sample(l, t, Double.doubleToRawLongBits(v)))
                .list()
                .ofMinSize(1)
                .ofMaxSize(8);
    }

    private static List<Sample> drain(TimeSortedSamples s) throws IOException {
        List<Sample> out = new ArrayList<>();
        try (TimeSortedSamples.Cursor c = s.cursor()) {
            while (c.next()) {
                out.add(new Sample(c.labels(), c.time(), Double.doubleToRawLongBits(c.value())));
            }
        }
        return out;
    }

    private static List<Sample> parse(byte[] data, ExpositionFormat format) {
        List<Sample> out = new ArrayList<>();
        new ExpositionParser(format, "test")
                .parse(
                        data,
                        (series, t, v) ->
                                out.add(new Sample(series, t, Double.doubleToRawLongBits(v))));
        return out;
    }
}
