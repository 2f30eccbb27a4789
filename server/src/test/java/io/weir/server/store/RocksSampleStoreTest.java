package io.weir.server.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weir.promql.eval.SampleChunk;
import io.weir.promql.eval.SampleStore;
import io.weir.promql.model.Labels;
import io.weir.promql.parser.PromqlParser;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.RocksDB;

class RocksSampleStoreTest {
    private static final Labels UP = Labels.of("__name__", "up", "job", "api");
    private static final StoreOptions FOUR_PER_CHUNK = new StoreOptions(4, 3_600_000L, 0);

    @TempDir Path dir;

    @Test
    void outOfOrderInsideTheHeadIsAcceptedAndReplacesEqualTimestamps() throws Exception {
        try (RocksSampleStore store = RocksSampleStore.open(dir, FOUR_PER_CHUNK)) {
            assertTrue(store.append(UP, 30, 3).accepted());
            assertTrue(store.append(UP, 10, 1).accepted());
            assertTrue(store.append(UP, 20, 2).accepted());
            assertTrue(store.append(UP, 20, 2.5).accepted());
            SampleChunk c = only(store).read(0, 100);
            assertArrayEquals(new long[] {10, 20, 30}, Arrays.copyOf(c.timestamps(), c.size()));
            assertArrayEquals(new double[] {1, 2.5, 3}, Arrays.copyOf(c.values(), c.size()), 0);
        }
    }

    @Test
    void samplesBehindWrittenChunksAreRejectedWithAReason() throws Exception {
        try (RocksSampleStore store = RocksSampleStore.open(dir, FOUR_PER_CHUNK)) {
            for (int t = 1; t <= 5; t++) {
                assertTrue(store.append(UP, t * 10L, t).accepted());
            }
            // The fifth sample cut the first four into a chunk: 10..40 are closed now.
            AppendResult late = store.append(UP, 35, 0);
            AppendResult.Rejected r = assertInstanceOf(AppendResult.Rejected.class, late);
            assertTrue(r.reason().startsWith("out of order sample"), r.reason());
            assertTrue(r.reason().contains("40"), r.reason());
            assertTrue(store.append(UP, 45, 4.5).accepted(), "inside the head");
            assertEquals(6, only(store).read(Long.MIN_VALUE, Long.MAX_VALUE).size());
        }
    }

    @Test
    void retentionDropsOldChunksAndRejectsOldSamples() throws Exception {
        StoreOptions options = FOUR_PER_CHUNK.withRetentionMillis(1000);
        try (RocksSampleStore store = RocksSampleStore.open(dir, options)) {
            for (int t = 0; t < 20; t++) {
                assertTrue(store.append(UP, t * 100L, t).accepted());
            }
            store.flush();
            // Chunks: 0..300, 400..700, 800..1100, 1200..1500, 1600..1900; cutoff 2000-1000.
            assertEquals(2, store.applyRetention(2000));
            SampleChunk c = only(store).read(Long.MIN_VALUE, Long.MAX_VALUE);
            assertEquals(800, c.timestamps()[c.from()]);
            assertEquals(12, c.size());
            AppendResult.Rejected r =
                    assertInstanceOf(
                            AppendResult.Rejected.class,
                            store.append(Labels.of("__name__", "other"), 500, 1));
            assertTrue(r.reason().startsWith("too old sample"), r.reason());
        }
    }

    @Test
    void selectionFollowsPrometheusMatcherSemantics() throws Exception {
        try (RocksSampleStore store = RocksSampleStore.open(dir, StoreOptions.defaults())) {
            store.append(UP, 1, 1);
            store.append(Labels.of("__name__", "up", "job", "apiserver"), 1, 1);
            store.append(Labels.of("__name__", "up"), 1, 1);
            assertEquals(List.of("up{job=\"api\"}"), select(store, "up{job=~\"api\"}"));
            assertEquals(List.of("up"), select(store, "up{job=\"\"}"));
            assertEquals(2, select(store, "up{job=~\"api.*\"}").size());
            assertEquals(2, select(store, "{job!=\"apiserver\"}").size());
            assertEquals(List.of(), select(store, "up{job=~\"(?i)API\", job!~\"api\"}"));
            assertEquals(List.of("__name__", "job"), store.labelNames());
            assertEquals(List.of("api", "apiserver"), store.labelValues("job"));
            assertEquals(List.of(), store.labelValues("nope"));
        }
    }

    @Test
    void aKilledStoreHoldsExactlyWhatWasCommittedWithItsPositions() throws Exception {
        Labels other = Labels.of("__name__", "other");
        RocksSampleStore store = RocksSampleStore.open(dir, FOUR_PER_CHUNK);
        for (int t = 1; t <= 10; t++) {
            assertTrue(store.append(UP, t * 10L, t).accepted());
        }
        // Two closed chunks and a head of two samples, committed with the feed's position.
        store.commit(List.of(new StreamPosition("weir.metrics", 0, 5)));
        for (int t = 11; t <= 13; t++) {
            assertTrue(store.append(UP, t * 10L, t).accepted());
        }
        store.append(other, 10, 1);
        store.abandon();

        try (RocksSampleStore reopened = RocksSampleStore.open(dir, FOUR_PER_CHUNK)) {
            assertEquals(List.of(new StreamPosition("weir.metrics", 0, 5)), reopened.positions());
            SampleChunk c = only(reopened, "up").read(Long.MIN_VALUE, Long.MAX_VALUE);
            assertArrayEquals(
                    new long[] {10, 20, 30, 40, 50, 60, 70, 80, 90, 100},
                    Arrays.copyOf(c.timestamps(), c.size()));
            // The uncommitted samples come again from the feed and are accepted again.
            for (int t = 11; t <= 13; t++) {
                assertTrue(reopened.append(UP, t * 10L, t).accepted());
            }
            assertEquals(13, only(reopened, "up").read(Long.MIN_VALUE, Long.MAX_VALUE).size());
            // The series was created before the kill, but none of its samples was committed.
            assertEquals(0, only(reopened, "other").read(Long.MIN_VALUE, Long.MAX_VALUE).size());
        }
    }

    @Test
    void theServerLoadsRocksDbNotFlinksFork() {
        // Flink's frocksdbjni (8.10) shares the package; if it won the classpath, this would say 8.
        assertTrue(RocksDB.rocksdbVersion().getMajor() >= 10, RocksDB.rocksdbVersion().toString());
    }

    private static List<String> select(SampleStore store, String selector) {
        return store.select(PromqlParser.parseMetricSelector(selector), 0, 10).stream()
                .map(s -> s.labels().toString())
                .toList();
    }

    private static SampleStore.StoredSeries only(SampleStore store, String selector) {
        List<SampleStore.StoredSeries> all =
                store.select(PromqlParser.parseMetricSelector(selector), 0, 0);
        assertEquals(1, all.size());
        return all.get(0);
    }

    private static SampleStore.StoredSeries only(SampleStore store) {
        List<SampleStore.StoredSeries> all =
                store.select(PromqlParser.parseMetricSelector("{__name__=~\".+\"}"), 0, 0);
        assertEquals(1, all.size());
        return all.get(0);
    }
}
