package io.weir.promql.eval;

import io.weir.promql.model.Labels;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * The evaluator benchmark of issue 2 (a program, not a test): a generated data set of counters, 15
 * s apart, then range queries over the whole span at step 1m, each run several times; prints the
 * median per query.
 *
 * <pre>
 * mvn -q -pl query-compiler test-compile
 * java -Xmx8g -cp query-compiler/target/classes:query-compiler/target/test-classes:$(mvn -q -pl query-compiler \
 *     dependency:build-classpath -Dmdep.outputFile=/dev/stdout) io.weir.promql.eval.EvaluatorBenchmark 10000 10000
 * </pre>
 */
public final class EvaluatorBenchmark {
    private static final List<String> QUERIES =
            List.of(
                    "sum by (job) (rate(m[5m]))",
                    "max_over_time(m[10m])",
                    "quantile_over_time(0.9, m[10m])");

    private EvaluatorBenchmark() {}

    public static void main(String[] args) {
        int series = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int samples = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        MemorySampleStore store = new MemorySampleStore();
        long t0 = System.nanoTime();
        Random r = new Random(1);
        long[] ts = new long[samples];
        double[] vals = new double[samples];
        for (int s = 0; s < series; s++) {
            double v = 0;
            for (int i = 0; i < samples; i++) {
                v += r.nextInt(10);
                ts[i] = i * 15_000L;
                vals[i] = v;
            }
            Labels l = Labels.of("__name__", "m", "job", "j" + (s % 10), "instance", "i" + s);
            store.appendAll(l, ts, vals, samples);
        }
        System.out.printf(
                "loaded %d series x %d samples in %.1f s%n",
                series, samples, (System.nanoTime() - t0) / 1e9);
        long end = (samples - 1) * 15_000L;
        try (Engine engine = new Engine(EngineOptions.defaults())) {
            for (String q : QUERIES) {
                double[] secs = new double[runs];
                for (int i = 0; i < runs; i++) {
                    long s0 = System.nanoTime();
                    engine.rangeQuery(store, q, 0, end, 60_000);
                    secs[i] = (System.nanoTime() - s0) / 1e9;
                }
                Arrays.sort(secs);
                System.out.printf(
                        "%-36s median %.3f s (runs %s)%n",
                        q, secs[runs / 2], Arrays.toString(secs));
            }
        }
    }
}
