package io.weir.server.bench;

import io.weir.connectors.codec.QueryRegistration;
import io.weir.connectors.codec.ResultKind;
import io.weir.connectors.codec.ResultRecord;
import io.weir.promql.eval.EngineOptions;
import io.weir.promql.model.Labels;
import io.weir.server.http.ApiBackends;
import io.weir.server.http.ApiOptions;
import io.weir.server.http.ApiServer;
import io.weir.server.store.RocksSampleStore;
import io.weir.server.store.RocksViewStore;
import io.weir.server.store.StoreOptions;
import io.weir.server.store.StreamPosition;
import io.weir.server.views.CombinedStore;
import io.weir.server.views.MemoryControlLog;
import io.weir.server.views.ViewRegistry;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Issue 4's view query as a user meets it: {@code /api/v1/query_range} over 24 hours at a 1-minute
 * step of a view with 1,000 output series, through the server's HTTP API on RocksDB stores, with
 * the results cache off (every request computed: what a first request costs) and on (repeated
 * requests), next to the parts of one request measured alone: the store's reads, the evaluator, the
 * JSON encoding. Not a test: {@code mvn -B -o -pl server -am -Pquery-bench verify} (BENCHMARKS.md).
 */
public final class ViewQueryBenchmark {
    private static final long MIN = 60_000;

    private ViewQueryBenchmark() {}

    public static void main(String[] args) throws Exception {
        int seriesCount = Integer.getInteger("bench.series", 1000);
        int steps = Integer.getInteger("bench.steps", 1440);
        int allRounds = Integer.getInteger("bench.rounds", 50);
        // Recent steps, as a dashboard asks for, but older than the cache's minimum age.
        long end = (System.currentTimeMillis() - 3_600_000L) / MIN * MIN;
        long start = end - (steps - 1) * MIN;
        Path dir = Files.createTempDirectory("weir-view-query-bench");
        try (RocksViewStore views = RocksViewStore.open(dir.resolve("views"));
                RocksSampleStore samples =
                        RocksSampleStore.open(dir.resolve("samples"), StoreOptions.defaults());
                ViewRegistry registry =
                        new ViewRegistry(new MemoryControlLog(), views, Clock.systemUTC())) {
            registry.register(
                    new QueryRegistration(
                            "bench",
                            "sum by (instance, job, code) (rate(bench_requests_total[5m]))",
                            Duration.ofMinutes(1),
                            Duration.ZERO,
                            Duration.ZERO));
            write(views, seriesCount, start, steps);
            System.out.printf(
                    Locale.ROOT,
                    "view bench: %,d series x %,d steps of 1m; %d timed runs each after 10"
                            + " warm-up; load average %s%n",
                    seriesCount,
                    steps,
                    allRounds,
                    BenchSystem.loadAverage());
            ApiBackends backends = new ApiBackends(samples, views, registry, null);
            // -Dbench.queries=q1;q2 to choose; the whole view (1.44 M points, 47 MB of JSON) is
            // timed over fewer runs (-Dbench.bigRounds), each taking seconds.
            List<String> queries =
                    List.of(
                            System.getProperty(
                                            "bench.queries",
                                            "bench;sum by (job) (bench);bench{instance=\"host-7\"}")
                                    .split(";", -1));
            int bigRounds = Integer.getInteger("bench.bigRounds", 10);
            try (ApiServer uncached = ApiServer.start(backends, options(0))) {
                HttpQueries http = new HttpQueries(uncached.url());
                long t0 = System.nanoTime();
                http.range(queries.get(0), start, end, MIN);
                System.out.printf(
                        Locale.ROOT,
                        "first request in this JVM (JIT cold, no cache), %s: %.1f ms%n",
                        queries.get(0),
                        (System.nanoTime() - t0) / 1e6);
                for (String q : queries) {
                    int rounds = q.equals("bench") ? Math.min(bigRounds, allRounds) : allRounds;
                    System.out.println("-- " + q + " (" + rounds + " timed runs)");
                    RequestParts.measure(
                            "the selected series",
                            views,
                            q.startsWith("sum") ? "bench" : q,
                            new CombinedStore(samples, views),
                            q,
                            start,
                            end,
                            MIN,
                            10,
                            rounds);
                    new Timings("HTTP, results cache off", rounds)
                            .measure(10, () -> http.range(q, start, end, MIN))
                            .print();
                    System.out.printf(
                            Locale.ROOT, "   answer: %,d bytes of JSON%n", http.lastBytes);
                    transferOnly(http.lastBody, rounds);
                    cached(backends, q, start, end, rounds);
                }
            }
            System.out.println("load average at the end: " + BenchSystem.loadAverage());
        } finally {
            BenchSystem.delete(dir);
        }
    }

    /** The same answer's bytes sent by a server that computes nothing ({@link TransferOnly}). */
    private static void transferOnly(byte[] body, int rounds) throws Exception {
        try (TransferOnly server = new TransferOnly(body)) {
            HttpQueries http = new HttpQueries(server.url());
            new Timings("HTTP, the same bytes sent by a server computing nothing", rounds)
                    .measure(10, () -> http.get("/"))
                    .print();
        }
    }

    private static ApiOptions options(long cacheBytes) {
        return new ApiOptions(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                20,
                EngineOptions.defaults(),
                0,
                null,
                cacheBytes,
                ApiOptions.DEFAULT_CACHE_MIN_AGE,
                null);
    }

    /** A new server (empty results cache): its first request, then repeated ones. */
    private static void cached(ApiBackends backends, String q, long start, long end, int rounds)
            throws Exception {
        try (ApiServer server =
                ApiServer.start(backends, options(ApiOptions.DEFAULT_RESULTS_CACHE_BYTES))) {
            HttpQueries http = new HttpQueries(server.url());
            long t0 = System.nanoTime();
            http.range(q, start, end, MIN);
            System.out.printf(
                    Locale.ROOT,
                    "%-58s %.2f ms%n",
                    "HTTP, results cache on: first request (miss)",
                    (System.nanoTime() - t0) / 1e6);
            new Timings("HTTP, results cache on: repeated (hits)", rounds)
                    .measure(10, () -> http.range(q, start, end, MIN))
                    .print();
        }
    }

    /** One batch per step with every series, as the job commits a view's results. */
    private static void write(RocksViewStore store, int seriesCount, long start, int steps)
            throws Exception {
        Labels[] labels = new Labels[seriesCount];
        for (int s = 0; s < seriesCount; s++) {
            labels[s] =
                    Labels.of(
                            "__name__",
                            "bench",
                            "instance",
                            "host-" + s,
                            "job",
                            "job-" + (s % 10),
                            "code",
                            "" + (s % 5));
        }
        SplittableRandom random = new SplittableRandom(7);
        double[] level = new double[seriesCount];
        for (int i = 0; i < steps; i++) {
            List<ResultRecord> batch = new ArrayList<>(seriesCount);
            for (int s = 0; s < seriesCount; s++) {
                level[s] = Math.max(0, level[s] + random.nextDouble(-1, 1));
                batch.add(
                        new ResultRecord(
                                "bench", labels[s], start + i * MIN, level[s], ResultKind.FINAL));
            }
            store.write(batch, List.of(new StreamPosition("weir.results", 0, i + 1L)));
        }
    }
}
