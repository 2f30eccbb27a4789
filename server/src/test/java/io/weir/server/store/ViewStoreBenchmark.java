package io.weir.server.store;

import io.weir.connectors.codec.ResultKind;
import io.weir.connectors.codec.ResultRecord;
import io.weir.promql.eval.Engine;
import io.weir.promql.eval.EngineOptions;
import io.weir.promql.eval.QueryValue;
import io.weir.promql.eval.SampleStore;
import io.weir.promql.model.Labels;
import io.weir.promql.parser.PromqlParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Measures the view store: write rate and bytes on disk per step, and a 24-hour range query at a
 * 1-minute step over a view of 1,000 series (issue 4's view query). Data: 1,000 output series of
 * one view, 1,440 steps of one minute; half the series carry rates (arbitrary doubles), half carry
 * whole numbers (counts). Each step is written as the job commits it: one batch per step holding
 * every series, either final values only, or an early value first and the final value in the next
 * batch. Not a test: {@code mvn -B -pl server -am -Pstore-bench verify} (BENCHMARKS.md).
 */
public final class ViewStoreBenchmark {
    private static final long MIN = 60_000;
    private static final long START = 1_700_000_000_000L / MIN * MIN;

    private ViewStoreBenchmark() {}

    public static void main(String[] args) throws Exception {
        int series = Integer.getInteger("bench.series", 1000);
        int steps = Integer.getInteger("bench.steps", 1440);
        System.out.printf(
                Locale.ROOT,
                "view store: %,d series x %,d steps of 1m = %,d steps%n",
                series,
                steps,
                (long) series * steps);
        for (boolean withEarly : new boolean[] {false, true}) {
            Path dir = Files.createTempDirectory("weir-view-bench");
            try {
                run(dir, series, steps, withEarly);
            } finally {
                delete(dir);
            }
        }
    }

    private static void run(Path dir, int seriesCount, int steps, boolean withEarly)
            throws Exception {
        Labels[] labels = new Labels[seriesCount];
        for (int s = 0; s < seriesCount; s++) {
            labels[s] =
                    Labels.of(
                            "instance",
                            "host-" + s,
                            "job",
                            "job-" + (s % 10),
                            "code",
                            "" + (s % 5));
        }
        SplittableRandom random = new SplittableRandom(7);
        double[] level = new double[seriesCount];
        try (RocksViewStore store = RocksViewStore.open(dir)) {
            long t0 = System.nanoTime();
            long writes = 0;
            for (int i = 0; i < steps; i++) {
                long step = START + i * MIN;
                List<ResultRecord> batch = new ArrayList<>(seriesCount * 2);
                for (int s = 0; s < seriesCount; s++) {
                    level[s] =
                            s % 2 == 0
                                    ? Math.max(0, level[s] + random.nextDouble(-1, 1))
                                    : level[s] + random.nextInt(100);
                    if (withEarly) {
                        batch.add(
                                new ResultRecord(
                                        "bench", labels[s], step + MIN, -1, ResultKind.EARLY));
                    }
                    batch.add(
                            new ResultRecord("bench", labels[s], step, level[s], ResultKind.FINAL));
                }
                store.write(batch, List.of(new StreamPosition("weir.results", 0, i + 1L)));
                writes += batch.size();
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            long bytes = store.compactedStepBytes();
            long stored = (long) seriesCount * steps;
            System.out.printf(
                    Locale.ROOT,
                    "%s: %,d writes in %.2f s = %,.0f writes/s; %,d bytes on disk = %.2f bytes/step%n",
                    withEarly ? "early then final" : "final only",
                    writes,
                    seconds,
                    writes / seconds,
                    bytes,
                    (double) bytes / (stored + (withEarly ? seriesCount : 0)));
            if (!withEarly) {
                query(store, steps);
            }
        }
    }

    /** Reads every step of every series straight from the store, then through the evaluator. */
    private static void query(RocksViewStore store, int steps) {
        long end = START + (steps - 1) * MIN;
        int rounds = 50;
        long[] nanos = new long[rounds];
        long points = 0;
        for (int r = -10; r < rounds; r++) {
            long t0 = System.nanoTime();
            points = 0;
            for (SampleStore.StoredSeries s :
                    store.select(PromqlParser.parseMetricSelector("bench"), START, end)) {
                points += s.read(START, end).size();
            }
            if (r >= 0) {
                nanos[r] = System.nanoTime() - t0;
            }
        }
        report("store reads", points, nanos);
        evaluate(store, steps);
    }

    private static void report(String what, long points, long[] nanos) {
        Arrays.sort(nanos);
        int rounds = nanos.length;
        System.out.printf(
                Locale.ROOT,
                "%s, 24h at 1m over the view (%,d points): p50 %.1f ms, p99 %.1f ms, min"
                        + " %.1f ms (%d rounds after 10 warm-up)%n",
                what,
                points,
                nanos[rounds / 2] / 1e6,
                nanos[(int) Math.ceil(rounds * 0.99) - 1] / 1e6,
                nanos[0] / 1e6,
                rounds);
    }

    /** A range query over the whole view: every step of every series, through the evaluator. */
    private static void evaluate(RocksViewStore store, int steps) {
        Engine engine = new Engine(EngineOptions.defaults());
        long end = START + (steps - 1) * MIN;
        int rounds = 50;
        long[] nanos = new long[rounds];
        int points = 0;
        for (int r = -10; r < rounds; r++) {
            long t0 = System.nanoTime();
            QueryValue.Matrix m = engine.rangeQuery(store, "bench", START, end, MIN);
            long took = System.nanoTime() - t0;
            if (r >= 0) {
                nanos[r] = took;
            }
            points = m.series().stream().mapToInt(QueryValue.Series::size).sum();
        }
        report("evaluator range query", points, nanos);
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
