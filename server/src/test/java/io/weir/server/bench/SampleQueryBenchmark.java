package io.weir.server.bench;

import io.weir.promql.model.Labels;
import io.weir.server.http.ApiBackends;
import io.weir.server.http.ApiOptions;
import io.weir.server.http.ApiServer;
import io.weir.server.store.RocksSampleStore;
import io.weir.server.store.RocksViewStore;
import io.weir.server.store.StoreOptions;
import io.weir.server.views.MemoryControlLog;
import io.weir.server.views.ViewRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Issue 4's ad-hoc query over the sample store: 10,000 series x 10,000 raw samples at 15 s (100
 * million) in a {@link RocksSampleStore}, then {@code sum by (job) (rate(m[5m]))} over the whole
 * range at a step of about 1,000 points, through the server's HTTP API: cold (the store just
 * opened, the results cache empty) and warm (the same request again, answered by the results
 * cache), next to the store's reads and the evaluator measured alone. Not a test: {@code mvn -B -o
 * -pl server -am -Pquery-bench verify} (BENCHMARKS.md).
 *
 * <p>{@code -Dbench.dir=...} keeps the loaded store there and reuses it on the next run (the load
 * takes minutes); without it the store goes to a temporary directory deleted at the end.
 */
public final class SampleQueryBenchmark {
    private static final long SCRAPE = 15_000;
    private static final String QUERY = "sum by (job) (rate(m[5m]))";

    private SampleQueryBenchmark() {}

    /**
     * The store's options: the defaults, or {@code -Dbench.chunk=<samples>} per chunk (with a span
     * long enough for them at 15 s); only the load uses them, a kept store keeps its chunks.
     */
    private static StoreOptions storeOptions() {
        int chunk = Integer.getInteger("bench.chunk", 0);
        StoreOptions defaults = StoreOptions.defaults();
        if (chunk == 0) {
            return defaults;
        }
        return new StoreOptions(
                chunk,
                Math.max(defaults.chunkSpanMillis(), chunk * SCRAPE),
                defaults.retentionMillis());
    }

    public static void main(String[] args) throws Exception {
        int seriesCount = Integer.getInteger("bench.series", 10_000);
        int samples = Integer.getInteger("bench.samples", 10_000);
        int coldRounds = Integer.getInteger("bench.cold", 5);
        int warmRounds = Integer.getInteger("bench.rounds", 50);
        String kept = System.getProperty("bench.dir", "");
        Path dir =
                kept.isEmpty()
                        ? Files.createTempDirectory("weir-sample-query-bench")
                        : Path.of(kept);
        // The data end an hour ago: recent, but older than the cache's minimum age. A kept store
        // keeps its times, written in a file next to it.
        Path endFile = dir.resolve("end-millis");
        long end;
        try {
            if (Files.exists(endFile)) {
                end = Long.parseLong(Files.readString(endFile).trim());
                System.out.println("reusing the store in " + dir);
            } else {
                end = (System.currentTimeMillis() - 3_600_000L) / 60_000 * 60_000;
                load(dir.resolve("samples"), seriesCount, samples, end);
                Files.writeString(endFile, Long.toString(end));
            }
            long start = end - (samples - 1L) * SCRAPE;
            long step = Math.max(1000, (end - start) / 1000 / 1000 * 1000);
            System.out.printf(
                    Locale.ROOT,
                    "query %s from %d to %d at step %d s (%,d steps); store %,d bytes on disk;"
                            + " load average %s%n",
                    QUERY,
                    start / 1000,
                    end / 1000,
                    step / 1000,
                    (end - start) / step + 1,
                    BenchSystem.size(dir.resolve("samples")),
                    BenchSystem.loadAverage());
            Timings cold =
                    new Timings("HTTP, cold (store just opened, results cache empty)", coldRounds);
            Timings warm = new Timings("HTTP, warm (results cache hit)", warmRounds * coldRounds);
            for (int round = 0; round < coldRounds; round++) {
                served(dir, start, end, step, warmRounds, cold, warm);
                System.out.printf(
                        Locale.ROOT,
                        "round %d: cold request %.1f ms (load average %s)%n",
                        round + 1,
                        cold.lastMillis(),
                        BenchSystem.loadAverage());
            }
            cold.print();
            warm.print();
            parts(dir, start, end, step);
            System.out.println("load average at the end: " + BenchSystem.loadAverage());
        } finally {
            if (kept.isEmpty()) {
                BenchSystem.delete(dir);
            }
        }
    }

    /** Opens the stores and a server, times its first request, then {@code rounds} more. */
    private static void served(
            Path dir, long start, long end, long step, int rounds, Timings cold, Timings warm)
            throws Exception {
        try (RocksSampleStore samples =
                        RocksSampleStore.open(dir.resolve("samples"), storeOptions());
                RocksViewStore views = RocksViewStore.open(dir.resolve("views"));
                ViewRegistry registry =
                        new ViewRegistry(new MemoryControlLog(), views, Clock.systemUTC());
                ApiServer server =
                        ApiServer.start(
                                new ApiBackends(samples, views, registry, null),
                                ApiOptions.loopback(0))) {
            HttpQueries http = new HttpQueries(server.url());
            cold.time(() -> http.range(QUERY, start, end, step));
            for (int r = 0; r < rounds; r++) {
                warm.time(() -> http.range(QUERY, start, end, step));
            }
        }
    }

    /** The store's reads of every sample, and the evaluator straight over the store. */
    private static void parts(Path dir, long start, long end, long step) throws Exception {
        try (RocksSampleStore store =
                RocksSampleStore.open(dir.resolve("samples"), storeOptions())) {
            RequestParts.measure(
                    "all 100 M samples",
                    store,
                    "m",
                    store,
                    QUERY,
                    start,
                    end,
                    step,
                    1,
                    Integer.getInteger("bench.parts", 5));
        }
    }

    /**
     * Counters as {@code EvaluatorBenchmark}'s: {@code {__name__="m", job="job-<i mod 10>",
     * instance="instance-<i>"}}, growing by 0-99 per scrape, reset on one scrape in 1,000; loaded
     * series by series, committed every 100 series, then flushed and compacted.
     */
    private static void load(Path dir, int seriesCount, int samples, long end) throws Exception {
        long start = end - (samples - 1L) * SCRAPE;
        SplittableRandom random = new SplittableRandom(42);
        long t0 = System.nanoTime();
        try (RocksSampleStore store = RocksSampleStore.open(dir, storeOptions())) {
            for (int s = 0; s < seriesCount; s++) {
                Labels labels =
                        Labels.of(
                                "__name__",
                                "m",
                                "job",
                                "job-" + (s % 10),
                                "instance",
                                "instance-" + s);
                double v = 0;
                for (int i = 0; i < samples; i++) {
                    v = random.nextInt(1000) == 0 ? 0 : v + random.nextInt(100);
                    if (!store.append(labels, start + i * SCRAPE, v).accepted()) {
                        throw new IllegalStateException("rejected sample");
                    }
                }
                if (s % 100 == 99) {
                    store.commit(List.of());
                }
            }
            store.flush();
            long loaded = System.nanoTime();
            store.compact();
            System.out.printf(
                    Locale.ROOT,
                    "loaded %,d samples in %.1f s, compacted in %.1f s%n",
                    (long) seriesCount * samples,
                    (loaded - t0) / 1e9,
                    (System.nanoTime() - loaded) / 1e9);
        }
    }
}
