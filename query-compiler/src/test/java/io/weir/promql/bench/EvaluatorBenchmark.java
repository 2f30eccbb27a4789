package io.weir.promql.bench;

import io.weir.promql.eval.Engine;
import io.weir.promql.eval.EngineOptions;
import io.weir.promql.eval.MemorySampleStore;
import io.weir.promql.eval.QueryValue;
import io.weir.promql.model.Labels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Range queries over a generated in-memory data set (by default 10,000 series x 10,000 samples at
 * 15 s, 100 million samples). Prints the load time, the heap the data set holds, and the median of
 * repeated runs of each query.
 *
 * <p>Run with {@code mvn -B -pl query-compiler -am -Pbench verify} (see BENCHMARKS.md); the sizes
 * can be changed with {@code -Dbench.series=...} and {@code -Dbench.samples=...}.
 */
public final class EvaluatorBenchmark {
    private static final long SCRAPE_INTERVAL_MS = 15_000L;
    private static final long STEP_MS = 60_000L;
    private static final int JOBS = 10;

    private EvaluatorBenchmark() {}

    public static void main(String[] args) {
        int series = Integer.getInteger("bench.series", 10_000);
        int samples = Integer.getInteger("bench.samples", 10_000);
        int runs = Integer.getInteger("bench.runs", 7);
        List<String> queries =
                List.of(
                        "sum by (job) (rate(m[5m]))",
                        "max_over_time(m[10m])",
                        "quantile_over_time(0.9, m[10m])");

        System.out.printf(
                Locale.ROOT,
                "generating %,d series x %,d samples = %,d samples%n",
                series,
                samples,
                (long) series * samples);
        long heapBefore = usedHeap();
        long t0 = System.nanoTime();
        MemorySampleStore store = generate(series, samples);
        double loadSeconds = (System.nanoTime() - t0) / 1e9;
        long heapAfter = usedHeap();
        System.out.printf(
                Locale.ROOT,
                "loaded in %.1f s; data set holds %.2f GB of heap (%.1f bytes/sample); max heap %.1f GB%n",
                loadSeconds,
                (heapAfter - heapBefore) / 1e9,
                (heapAfter - heapBefore) / (double) ((long) series * samples),
                Runtime.getRuntime().maxMemory() / 1e9);

        long end = (samples - 1) * SCRAPE_INTERVAL_MS;
        try (Engine engine = new Engine(unlimited())) {
            for (String q : queries) {
                double[] times = new double[runs];
                int resultSeries = 0;
                for (int warm = 0; warm < 2; warm++) {
                    engine.rangeQuery(store, q, 0, end, STEP_MS);
                }
                for (int r = 0; r < runs; r++) {
                    long s = System.nanoTime();
                    QueryValue.Matrix m = engine.rangeQuery(store, q, 0, end, STEP_MS);
                    times[r] = (System.nanoTime() - s) / 1e9;
                    resultSeries = m.series().size();
                    System.out.printf(Locale.ROOT, "  %s run %d: %.3f s%n", q, r + 1, times[r]);
                }
                Arrays.sort(times);
                System.out.printf(
                        Locale.ROOT,
                        "RESULT %-36s median %.3f s  min %.3f s  max %.3f s  (%d series out, %d steps)%n",
                        q,
                        times[runs / 2],
                        times[0],
                        times[runs - 1],
                        resultSeries,
                        end / STEP_MS + 1);
            }
        }
    }

    /**
     * Counters that grow by a random amount per scrape, with a reset now and then, so that rate
     * sees resets; every series is also a plausible gauge for the *_over_time queries.
     */
    static MemorySampleStore generate(int series, int samples) {
        MemorySampleStore store = new MemorySampleStore();
        SplittableRandom random = new SplittableRandom(42);
        List<Labels> labels = new ArrayList<>(series);
        for (int i = 0; i < series; i++) {
            labels.add(
                    Labels.of(
                            Labels.METRIC_NAME,
                            "m",
                            "job",
                            "job-" + (i % JOBS),
                            "instance",
                            "instance-" + i));
        }
        long[] ts = new long[samples];
        double[] vals = new double[samples];
        for (int i = 0; i < series; i++) {
            double v = 0;
            for (int j = 0; j < samples; j++) {
                v = random.nextInt(1000) == 0 ? 0 : v + random.nextInt(100);
                ts[j] = j * SCRAPE_INTERVAL_MS;
                vals[j] = v;
            }
            store.appendAll(labels.get(i), ts, vals, samples);
            if ((i + 1) % 1000 == 0) {
                System.out.printf(Locale.ROOT, "  %,d series loaded%n", i + 1);
            }
        }
        return store;
    }

    /** The defaults, without the sample limit: the benchmark measures speed, not limits. */
    private static EngineOptions unlimited() {
        EngineOptions d = EngineOptions.defaults();
        return new EngineOptions(
                d.lookbackMillis(),
                d.defaultSubqueryStepMillis(),
                Long.MAX_VALUE,
                d.timeout(),
                d.parallelism());
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
