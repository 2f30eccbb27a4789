package io.weir.search.bench;

import io.weir.promql.model.Labels;
import io.weir.search.ast.Predicate;
import io.weir.search.exec.Executor;
import io.weir.search.exec.PrefilterExecutor;
import io.weir.search.exec.SequentialExecutor;
import io.weir.search.index.Builder;
import io.weir.search.index.PaneSketches;
import io.weir.search.index.SeriesIndex;
import io.weir.search.optimizer.Optimizer;
import io.weir.search.parser.SearchParser;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import org.roaringbitmap.RoaringBitmap;

/**
 * Series search benchmark (BENCHMARKS.md, "Series search"): a million series, queries that combine
 * a selective keyword or label predicate with a percentile, run by the sequential and the prefilter
 * executor side by side; plus queries without a percentile, to show the prefilter costs nothing
 * there. Run with {@code mvn -B -pl query-compiler -am -Psearch-bench verify}.
 */
public final class SearchBenchmark {
    private static final long PANE = 15 * 60_000;
    private static final long AT = 1_700_000_000_000L - 1_700_000_000_000L % PANE;

    private static final String[] PCT_QUERIES = {
        "kw('checkout') AND pct(0.99, 1h) > 0.5",
        "label('team') = 'payments' AND pct(0.9, 1h) < 0.2",
        "pct(0.99, 1h) > 0.5 AND label('region') AND kw('checkout')",
        "kw('checkout') AND label('region') AND NOT pct(0.99, 1h) > 0.5",
        "(kw('checkout') OR label('team') = 'payments') AND (pct(0.99, 1h) > 1 OR pct(0.5, 1h) < 0.1)",
    };
    private static final String[] PLAIN_QUERIES = {
        "kw('checkout') AND label('region') = 'eu-west'",
        "kw('checkout') OR label('team') = 'payments'",
        "kw('http') AND NOT label('region') = 'eu-west'",
    };

    private SearchBenchmark() {}

    public static void main(String[] args) {
        int seriesCount = Integer.getInteger("bench.series", 1_000_000);
        int samplesPerPane = Integer.getInteger("bench.samplesPerPane", 4);
        int panes = 4;
        long t0 = System.nanoTime();
        SeriesIndex index = generate(seriesCount, panes, samplesPerPane);
        long buildMs = (System.nanoTime() - t0) / 1_000_000;
        System.gc();
        Runtime rt = Runtime.getRuntime();
        long usedMb = (rt.totalMemory() - rt.freeMemory()) >> 20;
        System.out.printf(
                Locale.ROOT,
                "series-bench: %d series, %d panes x %d samples each, pane %d min, accuracy %.2f;"
                        + " built in %d ms, heap used after GC %d MB of %d MB max%n",
                seriesCount,
                panes,
                samplesPerPane,
                PANE / 60_000,
                PaneSketches.DEFAULT_ACCURACY,
                buildMs,
                usedMb,
                rt.maxMemory() >> 20);

        Optimizer optimizer = new Optimizer(index);
        System.out.println(
                "| query | matches | sequential (median) | prefilter (median) | speed-up |");
        System.out.println("|---|---:|---:|---:|---:|");
        for (String q : PCT_QUERIES) {
            run(index, optimizer, q, 5);
        }
        System.out.println();
        System.out.println(
                "| query without percentile | matches | sequential (median) | prefilter (median) | prefilter overhead |");
        System.out.println("|---|---:|---:|---:|---:|");
        for (String q : PLAIN_QUERIES) {
            run(index, optimizer, q, 301);
        }
    }

    private static void run(SeriesIndex index, Optimizer optimizer, String query, int runs) {
        Predicate plan = optimizer.optimize(SearchParser.parse(query).asPredicate());
        Executor seq = new SequentialExecutor();
        Executor pre = new PrefilterExecutor();
        RoaringBitmap a = seq.execute(index, plan, AT);
        RoaringBitmap b = pre.execute(index, plan, AT);
        if (!a.equals(b)) {
            throw new AssertionError("executors disagree on " + query);
        }
        // Warm up both, then alternate them so that noise hits both alike.
        for (int i = 0; i < Math.min(runs, 20); i++) {
            pre.execute(index, plan, AT);
            if (runs > 20 || i < 2) {
                seq.execute(index, plan, AT);
            }
        }
        long[] ts = new long[runs];
        long[] tp = new long[runs];
        for (int i = 0; i < runs; i++) {
            long s0 = System.nanoTime();
            seq.execute(index, plan, AT);
            long s1 = System.nanoTime();
            pre.execute(index, plan, AT);
            long s2 = System.nanoTime();
            ts[i] = s1 - s0;
            tp[i] = s2 - s1;
        }
        double ms = median(ts) / 1e6;
        double mp = median(tp) / 1e6;
        boolean pct = query.contains("pct(");
        System.out.printf(
                Locale.ROOT,
                "| `%s` | %d | %s | %s | %s |%n",
                query,
                a.getCardinality(),
                fmt(ms),
                fmt(mp),
                pct
                        ? String.format(Locale.ROOT, "%.0fx", ms / mp)
                        : String.format(Locale.ROOT, "%+.1f %%", (mp / ms - 1) * 100));
    }

    private static String fmt(double ms) {
        return ms >= 10
                ? String.format(Locale.ROOT, "%.0f ms", ms)
                : String.format(Locale.ROOT, "%.3f ms", ms);
    }

    private static double median(long[] xs) {
        long[] s = xs.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2.0;
    }

    /**
     * Series {@code i} gets one of 20 metric names, one of 200 services ("checkout" is one: 0.5 %
     * of the series), one of 200 teams ("payments" is one), a region on half of them, and an
     * instance; its samples lie in the four panes before {@link #AT}, lognormal-ish latencies.
     */
    static SeriesIndex generate(int n, int panes, int perPane) {
        String[] names = new String[20];
        for (int i = 0; i < names.length; i++) {
            names[i] = i % 2 == 0 ? "http_requests_seconds_" + i : "rpc_latency_seconds_" + i;
        }
        String[] services = new String[200];
        String[] teams = new String[200];
        for (int i = 0; i < 200; i++) {
            services[i] = i == 0 ? "checkout" : "svc" + i;
            teams[i] = i == 0 ? "payments" : "team" + i;
        }
        String[] regions = {"eu-west", "us-east", "ap-south", "eu-north"};
        String[] instances = new String[5000];
        for (int i = 0; i < instances.length; i++) {
            instances[i] = "host" + i + ":9100";
        }
        SplittableRandom r = new SplittableRandom(1);
        Builder b = SeriesIndex.builder(PANE, PaneSketches.DEFAULT_ACCURACY);
        int samples = panes * perPane;
        long[] ts = new long[samples];
        double[] vs = new double[samples];
        long start = AT - panes * PANE;
        for (int k = 0; k < samples; k++) {
            ts[k] = start + (k + 1) * (PANE / perPane);
        }
        for (int i = 0; i < n; i++) {
            // Distinct label sets: the instance and name vary fastest, service and team slower.
            Labels.Builder lb =
                    Labels.builder()
                            .set(Labels.METRIC_NAME, names[i % 20])
                            .set("instance", instances[(i / 20) % 5000])
                            .set("service", services[(i / 7) % 200])
                            .set("team", teams[(i / 13) % 200])
                            .set("shard", Integer.toString(i / 100_000));
            if (r.nextBoolean()) {
                lb.set("region", regions[r.nextInt(regions.length)]);
            }
            double scale = 0.05 + r.nextDouble() * 0.4;
            for (int k = 0; k < samples; k++) {
                vs[k] = scale * Math.exp(r.nextDouble() * 1.5);
            }
            b.addSeries(lb.build(), ts, vs, 0, samples);
        }
        return b.build();
    }
}
