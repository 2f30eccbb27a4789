package io.weir.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weir.connectors.codec.SampleBatch;
import io.weir.connectors.text.ExpositionFormat;
import io.weir.connectors.text.ExpositionParser;
import io.weir.promql.eval.MemorySampleStore;
import io.weir.promql.model.Labels;
import io.weir.server.http.ApiBackends;
import io.weir.server.http.ApiOptions;
import io.weir.server.http.ApiServer;
import io.weir.server.views.MemoryControlLog;
import io.weir.server.views.MemoryViewStore;
import io.weir.server.views.ViewRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code weir import} of a file written series by series (the example, as promtool dumps look)
 * delivers its samples to {@code weir.metrics} in time order across all its requests, whatever the
 * request size and whether the file was sorted in memory or in spilled runs: no sample is sent more
 * than a batch's second behind one sent before it, so the job's watermark drops none.
 */
class ImportCommandTest {
    private static final Path EXAMPLE = Path.of("../examples/http.prom");

    private final List<SampleBatch> sent = Collections.synchronizedList(new ArrayList<>());
    private ApiServer server;

    @BeforeEach
    void serve() throws IOException {
        MemoryViewStore views = new MemoryViewStore();
        ViewRegistry registry = new ViewRegistry(new MemoryControlLog(), views, Clock.systemUTC());
        server =
                ApiServer.start(
                        new ApiBackends(new MemorySampleStore(), views, registry, sent::addAll),
                        ApiOptions.loopback(0));
    }

    @AfterEach
    void close() {
        server.close();
    }

    record Sample(Labels labels, long t, long bits) {}

    @ParameterizedTest
    @CsvSource({"20000, 2097152", "1000, 2097152", "333, 500", "50, 7"})
    void aSeriesOrderedFileIsSentInTimeOrder(String chunk, String sortMemory) throws IOException {
        EvalCommandTest.Run r =
                EvalCommandTest.weir(
                        "import",
                        EXAMPLE.toString(),
                        "--server",
                        server.url(),
                        "--chunk-lines",
                        chunk,
                        "--sort-memory-samples",
                        sortMemory);
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().startsWith("imported 3,374 samples"), r.out());
        assertTrue(r.err().contains("sending [######"), r.err());
        assertTrue(r.err().contains("100%"), r.err());

        List<Sample> got = new ArrayList<>();
        long newest = Long.MIN_VALUE;
        long worst = 0;
        for (SampleBatch b : sent) {
            for (int i = 0; i < b.size(); i++) {
                if (newest != Long.MIN_VALUE) {
                    worst = Math.max(worst, newest - b.timestamp(i));
                }
                newest = Math.max(newest, b.timestamp(i));
                got.add(
                        new Sample(
                                b.labels(),
                                b.timestamp(i),
                                Double.doubleToRawLongBits(b.value(i))));
            }
        }
        assertTrue(worst < 1000, "samples sent out of time order by " + worst + " ms");

        List<Sample> want = new ArrayList<>();
        new ExpositionParser(ExpositionFormat.PROMETHEUS, "example")
                .parse(
                        Files.readAllBytes(EXAMPLE),
                        (l, t, v) -> want.add(new Sample(l, t, Double.doubleToRawLongBits(v))));
        Comparator<Sample> order =
                Comparator.comparingLong(Sample::t).thenComparing(s -> s.labels().toString());
        want.sort(order);
        got.sort(order);
        assertEquals(want, got);
    }
}
