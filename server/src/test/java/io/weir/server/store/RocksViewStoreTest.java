package io.weir.server.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weir.connectors.codec.ResultKind;
import io.weir.connectors.codec.ResultRecord;
import io.weir.promql.eval.Engine;
import io.weir.promql.eval.EngineOptions;
import io.weir.promql.eval.QueryValue;
import io.weir.promql.eval.SampleChunk;
import io.weir.promql.eval.SampleStore;
import io.weir.promql.model.Labels;
import io.weir.promql.model.StaleNaN;
import io.weir.promql.parser.PromqlParser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RocksViewStoreTest {
    private static final Labels GET = Labels.of("method", "GET");
    private static final Labels POST = Labels.of("method", "POST");
    private static final long MIN = 60_000;

    @TempDir Path dir;

    private static ResultRecord fin(String view, Labels series, long step, double value) {
        return new ResultRecord(view, series, step, value, ResultKind.FINAL);
    }

    private static ResultRecord early(String view, Labels series, long step, double value) {
        return new ResultRecord(view, series, step, value, ResultKind.EARLY);
    }

    @Test
    void finalReplacesEarlyAndEarlyNeverReplacesFinal() throws Exception {
        try (RocksViewStore store = RocksViewStore.open(dir)) {
            store.write(List.of(early("rps", GET, MIN, 1), early("rps", GET, 2 * MIN, 2)));
            assertEquals(OptionalLong.empty(), store.lastFinalStep("rps"));
            store.write(List.of(fin("rps", GET, MIN, 10)));
            // A late early value for a final step, in a later batch and in the same batch.
            store.write(List.of(early("rps", GET, MIN, 99)));
            store.write(List.of(fin("rps", GET, 2 * MIN, 20), early("rps", GET, 2 * MIN, 98)));
            SampleChunk c = only(store, "rps").read(Long.MIN_VALUE, Long.MAX_VALUE);
            assertArrayEquals(new long[] {MIN, 2 * MIN}, times(c));
            assertArrayEquals(new double[] {10, 20}, values(c), 0);
            assertEquals(OptionalLong.of(2 * MIN), store.lastFinalStep("rps"));
        }
    }

    @Test
    void seriesAreNamedByTheirViewAndSelectedByMatchers() throws Exception {
        try (RocksViewStore store = RocksViewStore.open(dir)) {
            store.write(
                    List.of(
                            fin("rps", GET, MIN, 1),
                            fin("rps", POST, MIN, 2),
                            fin("errors", Labels.of("__name__", "x", "method", "GET"), MIN, 3)));
            assertEquals(
                    List.of("rps{method=\"GET\"}", "rps{method=\"POST\"}"), select(store, "rps"));
            assertEquals(List.of("errors{method=\"GET\"}"), select(store, "errors"));
            assertEquals(
                    List.of("errors{method=\"GET\"}", "rps{method=\"GET\"}"),
                    select(store, "{method=\"GET\"}"));
            assertEquals(List.of("__name__", "method"), store.labelNames());
            assertEquals(List.of("errors", "rps"), store.labelValues("__name__"));
            assertEquals(List.of("errors", "rps"), store.viewNames());
        }
    }

    @Test
    void readsAreBoundedByTimeInclusive() throws Exception {
        try (RocksViewStore store = RocksViewStore.open(dir)) {
            List<ResultRecord> rs = new ArrayList<>();
            for (int i = -3; i <= 3; i++) {
                rs.add(fin("v", GET, i * MIN, i));
            }
            store.write(rs);
            store.write(List.of(fin("v", POST, 0, 100)));
            SampleChunk c = only(store, "v{method=\"GET\"}").read(-MIN, 2 * MIN);
            assertArrayEquals(new long[] {-MIN, 0, MIN, 2 * MIN}, times(c));
            assertEquals(0, only(store, "v{method=\"GET\"}").read(4 * MIN, 9 * MIN).size());
            assertEquals(1, only(store, "v{method=\"POST\"}").read(0, Long.MAX_VALUE).size());
        }
    }

    @Test
    void aStalenessMarkerIsStoredAndHonouredByTheEvaluator() throws Exception {
        try (RocksViewStore store = RocksViewStore.open(dir)) {
            store.write(
                    List.of(
                            fin("v", GET, MIN, 1),
                            fin("v", GET, 2 * MIN, 2),
                            fin("v", GET, 3 * MIN, StaleNaN.VALUE)));
            SampleChunk c = only(store, "v").read(0, Long.MAX_VALUE);
            assertEquals(StaleNaN.BITS, Double.doubleToRawLongBits(c.values()[2]));
            Engine engine = new Engine(EngineOptions.defaults());
            QueryValue.Matrix m = engine.rangeQuery(store, "v", MIN, 5 * MIN, MIN);
            assertEquals(1, m.series().size());
            // Without the marker the lookback would carry the value to 3m, 4m and 5m.
            assertArrayEquals(new long[] {MIN, 2 * MIN}, m.series().get(0).timestamps());
        }
    }

    @Test
    void retentionDeletesWholeHoursOlderThanTheNewestFinalStepMinusTheRetention() throws Exception {
        try (RocksViewStore store = RocksViewStore.open(dir)) {
            store.register("short", 60 * MIN, List.of());
            List<ResultRecord> rs = new ArrayList<>();
            for (int i = 0; i <= 180; i++) {
                rs.add(fin("short", GET, i * MIN, i));
                rs.add(fin("forever", GET, i * MIN, i));
            }
            store.write(rs);
            // Newest final 3h, retention 1h: the cutoff 2h starts a block; older blocks go.
            assertEquals(1, store.applyRetention());
            SampleChunk c = only(store, "short").read(Long.MIN_VALUE, Long.MAX_VALUE);
            assertEquals(61, c.size());
            assertEquals(120 * MIN, c.timestamps()[0]);
            assertEquals(181, only(store, "forever").read(Long.MIN_VALUE, Long.MAX_VALUE).size());
            assertEquals(0, store.applyRetention(), "nothing left to delete");
        }
    }

    @Test
    void dropFreesTheViewAndIgnoresItsResultsUntilRegisteredAgain() throws Exception {
        try (RocksViewStore store = RocksViewStore.open(dir)) {
            store.write(List.of(fin("v", GET, MIN, 1), fin("w", GET, MIN, 2)));
            store.drop("v");
            assertEquals(List.of(), select(store, "v"));
            assertEquals(OptionalLong.empty(), store.lastFinalStep("v"));
            assertEquals(List.of("w"), store.labelValues("__name__"));
            // A result produced before the drop, consumed after it.
            store.write(List.of(fin("v", GET, 2 * MIN, 3)));
            assertEquals(List.of(), select(store, "v"));
            store.register("v", 0, List.of());
            store.write(List.of(fin("v", POST, 3 * MIN, 4)));
            assertEquals(List.of("v{method=\"POST\"}"), select(store, "v"));
            assertEquals(1, only(store, "v").read(Long.MIN_VALUE, Long.MAX_VALUE).size());
            assertEquals(List.of("v", "w"), store.viewNames());
        }
    }

    @Test
    void aReopenedStoreHasEverythingItHadWithItsPositions() throws Exception {
        try (RocksViewStore store = RocksViewStore.open(dir)) {
            store.register("v", 5 * MIN, List.of(new StreamPosition("weir.queries", 0, 1)));
            store.write(
                    List.of(fin("v", GET, MIN, 1), early("v", GET, 2 * MIN, 2)),
                    List.of(
                            new StreamPosition("weir.results", 0, 7),
                            new StreamPosition("weir.results", 1, 3)));
            store.write(List.of(fin("gone", GET, MIN, 1)));
            store.drop("gone");
        }
        try (RocksViewStore store = RocksViewStore.open(dir)) {
            assertEquals(
                    List.of(
                            new StreamPosition("weir.queries", 0, 1),
                            new StreamPosition("weir.results", 0, 7),
                            new StreamPosition("weir.results", 1, 3)),
                    store.positions());
            assertEquals(OptionalLong.of(MIN), store.lastFinalStep("v"));
            SampleChunk c = only(store, "v").read(Long.MIN_VALUE, Long.MAX_VALUE);
            assertArrayEquals(new double[] {1, 2}, values(c), 0);
            assertEquals(List.of("v"), store.viewNames());
            // The early step becomes final; new series get fresh ids after the reopen.
            store.write(List.of(fin("v", GET, 2 * MIN, 20), fin("v", POST, MIN, 5)));
            assertEquals(List.of("v{method=\"GET\"}", "v{method=\"POST\"}"), select(store, "v"));
            assertArrayEquals(
                    new double[] {1, 20},
                    values(only(store, "v{method=\"GET\"}").read(0, Long.MAX_VALUE)),
                    0);
        }
    }

    @Test
    void listenersHearWhatWasStoredUntilTheyUnsubscribe() throws Exception {
        try (RocksViewStore store = RocksViewStore.open(dir)) {
            List<List<ResultRecord>> heard = new ArrayList<>();
            AutoCloseable handle = store.subscribe(heard::add);
            store.write(List.of(fin("v", GET, MIN, 1)));
            store.write(List.of(early("v", GET, MIN, 2)));
            store.subscribe(
                    rs -> {
                        throw new IllegalStateException("a broken listener");
                    });
            store.write(List.of(fin("v", GET, 2 * MIN, 3)));
            handle.close();
            store.write(List.of(fin("v", GET, 3 * MIN, 4)));
            assertEquals(
                    List.of(List.of(fin("v", GET, MIN, 1)), List.of(fin("v", GET, 2 * MIN, 3))),
                    heard);
        }
    }

    private static List<String> select(SampleStore store, String selector) {
        return store.select(PromqlParser.parseMetricSelector(selector), 0, 10).stream()
                .map(s -> s.labels().toString())
                .toList();
    }

    private static SampleStore.StoredSeries only(SampleStore store, String selector) {
        List<SampleStore.StoredSeries> all =
                store.select(PromqlParser.parseMetricSelector(selector), 0, 0);
        assertEquals(1, all.size(), selector);
        assertTrue(all.get(0).labels().has("__name__"));
        return all.get(0);
    }

    private static long[] times(SampleChunk c) {
        return Arrays.copyOfRange(c.timestamps(), c.from(), c.to());
    }

    private static double[] values(SampleChunk c) {
        return Arrays.copyOfRange(c.values(), c.from(), c.to());
    }
}
