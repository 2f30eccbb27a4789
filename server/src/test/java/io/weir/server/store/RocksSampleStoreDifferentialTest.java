package io.weir.server.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weir.promql.eval.Engine;
import io.weir.promql.eval.EngineOptions;
import io.weir.promql.eval.MemorySampleStore;
import io.weir.promql.eval.SampleChunk;
import io.weir.promql.eval.SampleStore;
import io.weir.promql.model.Labels;
import io.weir.promql.parser.PromqlParser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loads the same generated scrapes (counter resets, gaps, staleness markers, NaN and infinities,
 * out-of-order neighbours) into {@link MemorySampleStore} and {@link RocksSampleStore} and checks
 * that the evaluator answers every query identically from both, also after the store is reopened.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RocksSampleStoreDifferentialTest {
    private static final long START = 1_000_000_000L;
    private static final long STEP = 15_000L;
    private static final int SAMPLES = 700;
    private static final long END = START + SAMPLES * STEP;

    private static final List<String> QUERIES =
            List.of(
                    "http_requests_total",
                    "node_temperature_celsius",
                    "rate(http_requests_total[5m])",
                    "increase(http_requests_total[10m])",
                    "resets(http_requests_total[30m])",
                    "sum by (job) (rate(http_requests_total[2m]))",
                    "max_over_time(node_temperature_celsius[10m])",
                    "avg_over_time(node_temperature_celsius[7m])",
                    "changes(node_temperature_celsius[15m])",
                    "last_over_time(node_temperature_celsius[3m])",
                    "count_over_time({__name__=~\".+\"}[5m])",
                    "node_temperature_celsius{instance=~\"a.*\"}",
                    "node_temperature_celsius{instance=~\"a\"}",
                    "{job!=\"api\", __name__=~\"http.*\"}",
                    "http_requests_total{code=~\"5..|2..\"} offset 5m",
                    "http_requests_total{code=\"\"}",
                    "node_temperature_celsius{code=\"\"}",
                    "timestamp(node_temperature_celsius)",
                    "absent(nonexistent_metric)",
                    "max_over_time(rate(http_requests_total[1m])[10m:30s])",
                    "deriv(node_temperature_celsius[10m])",
                    "quantile_over_time(0.9, node_temperature_celsius[10m])",
                    "{__name__=~\"node.*|http.*\", instance!~\"b.*\"}",
                    "topk(3, http_requests_total)");

    private final MemorySampleStore memory = new MemorySampleStore();
    private final Engine engine = new Engine(EngineOptions.defaults());
    private RocksSampleStore rocks;

    @BeforeAll
    void load(@TempDir Path dir) throws Exception {
        StoreOptions options = new StoreOptions(30, 2 * 3_600_000L, 0);
        rocks = RocksSampleStore.open(dir.resolve("db"), options);
        SampleData data = new SampleData(24, SAMPLES, START, STEP, 3, true, 42);
        Labels half = SampleData.labelsOf(data.seriesCount / 2);
        data.generate(
                (labels, t, v) -> {
                    // Write the heads of the first half of the series; the rest stay in memory.
                    if (labels.equals(half) && rocks.seriesCount() == data.seriesCount / 2) {
                        rocks.flush();
                    }
                    memory.append(labels, t, v);
                    AppendResult r = rocks.append(labels, t, v);
                    assertTrue(r.accepted(), r::toString);
                });
    }

    @AfterAll
    void close() throws Exception {
        engine.close();
        rocks.close();
    }

    @Test
    void rawSamplesAndLabelsAreIdentical() {
        assertSameRaw(rocks);
    }

    @Test
    void queriesAnswerIdentically() {
        assertSameAnswers(rocks);
    }

    @Test
    void reopenedStoreAnswersIdentically(@TempDir Path copy) throws Exception {
        StoreOptions options = StoreOptions.defaults();
        try (RocksSampleStore first = RocksSampleStore.open(copy, options)) {
            new SampleData(24, SAMPLES, START, STEP, 3, true, 42)
                    .generate((labels, t, v) -> first.append(labels, t, v));
        }
        try (RocksSampleStore reopened = RocksSampleStore.open(copy, options)) {
            assertEquals(24, reopened.seriesCount());
            assertSameRaw(reopened);
            assertSameAnswers(reopened);
            // Everything was written on close, so the past is closed too; the future is open.
            Labels labels = SampleData.labelsOf(1);
            assertTrue(!reopened.append(labels, START, 1).accepted());
            assertTrue(reopened.append(labels, END + 60_000, 1).accepted());
        }
    }

    private void assertSameRaw(SampleStore store) {
        assertEquals(memory.labelNames(), store.labelNames());
        for (String name : memory.labelNames()) {
            assertEquals(memory.labelValues(name), store.labelValues(name), name);
        }
        var all = PromqlParser.parseMetricSelector("{__name__=~\".+\"}");
        List<SampleStore.StoredSeries> expected = memory.select(all, START, END);
        List<SampleStore.StoredSeries> actual = store.select(all, START, END);
        assertEquals(labelsOf(expected), labelsOf(actual));
        long[][] ranges = {
            {Long.MIN_VALUE, Long.MAX_VALUE},
            {START + 100 * STEP, START + 101 * STEP},
            {START + 29 * STEP - 2, START + 95 * STEP + 2},
            {END - 10 * STEP, END + STEP},
            {START - 5, START - 1}
        };
        for (int i = 0; i < expected.size(); i++) {
            for (long[] r : ranges) {
                SampleChunk e = expected.get(i).read(r[0], r[1]);
                SampleChunk a = actual.get(i).read(r[0], r[1]);
                String what = expected.get(i).labels() + " " + r[0] + ".." + r[1];
                assertArrayEquals(timestamps(e), timestamps(a), what);
                assertArrayEquals(rawValues(e), rawValues(a), what);
            }
        }
    }

    private void assertSameAnswers(SampleStore store) {
        long[] instants = {START, START + 31 * STEP, START + 300 * STEP + 7, END, END + 240_000};
        for (String q : QUERIES) {
            for (long t : instants) {
                assertEquals(
                        engine.instantQuery(memory, q, t),
                        engine.instantQuery(store, q, t),
                        q + " at " + t);
            }
            assertEquals(
                    engine.rangeQuery(memory, q, START, END + 300_000, 60_000),
                    engine.rangeQuery(store, q, START, END + 300_000, 60_000),
                    q);
        }
        String matrix = "node_temperature_celsius[5m]";
        assertEquals(
                engine.instantQuery(memory, matrix, START + 200 * STEP),
                engine.instantQuery(store, matrix, START + 200 * STEP));
    }

    private static List<String> labelsOf(List<SampleStore.StoredSeries> series) {
        List<String> out = new ArrayList<>();
        series.forEach(s -> out.add(s.labels().toString()));
        return out;
    }

    private static long[] timestamps(SampleChunk c) {
        long[] out = new long[c.size()];
        System.arraycopy(c.timestamps(), c.from(), out, 0, c.size());
        return out;
    }

    private static long[] rawValues(SampleChunk c) {
        long[] out = new long[c.size()];
        for (int i = 0; i < c.size(); i++) {
            out[i] = Double.doubleToRawLongBits(c.values()[c.from() + i]);
        }
        return out;
    }
}
