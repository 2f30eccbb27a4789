package io.weir.promql.bench;

import io.weir.promql.eval.Engine;
import io.weir.promql.eval.EngineOptions;
import io.weir.promql.eval.MemorySampleStore;
import io.weir.promql.eval.QueryValue;
import io.weir.promql.model.Labels;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Range queries over a generated in-memory data set (by default 10,000 series x 10,000 samples at
 * 15 s, 100 million samples). Prints the load time, the heap the data set holds, and per query the
 * median, least and greatest time of repeated runs, once with the range kernels applied per window
 * and once in their sliding forms, the two alternating in the same JVM so that the ratio holds even
 * on a busy machine; and whether both give identical results.
 *
 * <p>Run with {@code mvn -B -pl query-compiler -am -Pbench verify} (see BENCHMARKS.md); the sizes
 * can be changed with {@code -Dbench.series=...} and {@code -Dbench.samples=...}.
 */
public final class EvaluatorBenchmark {
    private static final long SCRAPE_INTERVAL_MS = 15_000L;
    private static final long STEP_MS = 60_000L;
    private static final int JOBS = 10;

    /** The evaluator's switch between sliding and per-window range kernels. */
    private static final String SLIDING_PROPERTY = "weir.eval.sliding";

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
                for (int warm = 0; warm < 2; warm++) {
                    run(engine, store, q, end, false);
                    run(engine, store, q, end, true);
                }
                // Both paths must agree before their speeds mean anything.
                boolean identical =
                        run(engine, store, q, end, false).equals(run(engine, store, q, end, true));
                double[] perWindow = new double[runs];
                double[] sliding = new double[runs];
                double[] perWindowCpu = new double[runs];
                double[] slidingCpu = new double[runs];
                int resultSeries = 0;
                for (int r = 0; r < runs; r++) {
                    // Alternate which path goes first, so that neither always meets a fuller heap.
                    boolean slidingFirst = r % 2 == 1;
                    for (int k = 0; k < 2; k++) {
                        boolean slide = slidingFirst == (k == 0);
                        // Each run starts from a collected heap, not from the garbage and the
                        // promoted results of the runs before it (outside the timing).
                        System.gc();
                        long cpu0 = processCpuNanos();
                        long s = System.nanoTime();
                        QueryValue.Matrix m = run(engine, store, q, end, slide);
                        double secs = (System.nanoTime() - s) / 1e9;
                        double cpu = (processCpuNanos() - cpu0) / 1e9;
                        (slide ? sliding : perWindow)[r] = secs;
                        (slide ? slidingCpu : perWindowCpu)[r] = cpu;
                        resultSeries = m.series().size();
                        System.out.printf(
                                Locale.ROOT,
                                "  %s run %d %s: %.3f s (cpu %.3f s)%n",
                                q,
                                r + 1,
                                slide ? "sliding" : "per-window",
                                secs,
                                cpu);
                    }
                }
                Arrays.sort(perWindow);
                Arrays.sort(sliding);
                Arrays.sort(perWindowCpu);
                Arrays.sort(slidingCpu);
                System.out.printf(
                        Locale.ROOT,
                        "RESULT %-34s per-window median %.3f s (min %.3f, max %.3f); "
                                + "sliding median %.3f s (min %.3f, max %.3f); ratio %.2fx; "
                                + "cpu medians %.3f s / %.3f s; "
                                + "identical %s (%d series out, %d steps)%n",
                        q,
                        perWindow[runs / 2],
                        perWindow[0],
                        perWindow[runs - 1],
                        sliding[runs / 2],
                        sliding[0],
                        sliding[runs - 1],
                        perWindow[runs / 2] / sliding[runs / 2],
                        perWindowCpu[runs / 2],
                        slidingCpu[runs / 2],
                        identical,
                        resultSeries,
                        end / STEP_MS + 1);
            }
        }
    }

    /**
     * One range query over the whole span, with the sliding kernels on or off (the evaluator reads
     * the switch once per range function evaluation).
     */
    private static QueryValue.Matrix run(
            Engine engine, MemorySampleStore store, String q, long end, boolean sliding) {
        System.setProperty(SLIDING_PROPERTY, Boolean.toString(sliding));
        return engine.rangeQuery(store, q, 0, end, STEP_MS);
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

    /** CPU time of all the JVM's threads, GC included (0 where the JVM does not report it). */
    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            return Math.max(0, os.getProcessCpuTime());
        }
        return 0;
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
