package io.weir.promql.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.weir.promql.eval.Engine;
import io.weir.promql.eval.EngineOptions;
import io.weir.promql.eval.MemorySampleStore;
import io.weir.promql.eval.QueryValue;
import io.weir.promql.model.Labels;
import io.weir.promql.model.StaleNaN;
import io.weir.promql.plan.physical.CompiledView;
import io.weir.promql.plan.physical.ViewCompiler;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A plan means what its query means: the plan, as built and as optimized, written back as PromQL,
 * gives the evaluator's range-query result of the query itself, step for step, over generated data
 * (counters with a reset, gauges with a gap and a staleness marker, classic histogram buckets).
 */
class PlanSemanticsTest {
    private static final long STEP = 60_000;
    private static final long START = 3_600_000;
    private static final long END = 7_200_000;

    private static Engine engine;
    private static MemorySampleStore store;

    @BeforeAll
    static void data() {
        engine = new Engine(EngineOptions.defaults());
        store = new MemorySampleStore();
        Random r = new Random(7);
        for (String job : new String[] {"api", "web"}) {
            for (String instance : new String[] {"a:1", "b:2", "c:3"}) {
                for (String code : new String[] {"200", "500"}) {
                    Labels l =
                            Labels.of(
                                    "__name__", "http_requests_total",
                                    "job", job,
                                    "instance", instance,
                                    "code", code);
                    double v = 0;
                    for (long t = 0; t <= END; t += 15_000) {
                        v = t == 5_400_000 && instance.equals("b:2") ? 0 : v + r.nextInt(10);
                        store.append(l, t, v);
                    }
                }
                Labels g = Labels.of("__name__", "cpu", "job", job, "instance", instance);
                for (long t = 0; t <= END; t += 15_000) {
                    if (t > 4_000_000 && t < 4_500_000 && instance.equals("a:1")) {
                        continue;
                    }
                    double value =
                            t == 6_000_000 && instance.equals("c:3")
                                    ? StaleNaN.VALUE
                                    : r.nextDouble() * 4;
                    store.append(g, t, value);
                }
            }
            double[] les = {0.1, 0.5, 1, Double.POSITIVE_INFINITY};
            double[] counts = new double[les.length];
            for (long t = 0; t <= END; t += 15_000) {
                int obs = r.nextInt(20);
                for (int i = 0; i < obs; i++) {
                    double x = r.nextDouble() * 1.5;
                    for (int b = 0; b < les.length; b++) {
                        if (x <= les[b]) {
                            counts[b]++;
                        }
                    }
                }
                for (int b = 0; b < les.length; b++) {
                    String le = Double.isInfinite(les[b]) ? "+Inf" : Double.toString(les[b]);
                    store.append(
                            Labels.of("__name__", "lat_bucket", "job", job, "le", le),
                            t,
                            counts[b]);
                }
            }
        }
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http_requests_total{job=~\"api\", code!~\"5..\", instance=~\".*\"}",
                "http_requests_total{job=\"api\", job!=\"web\", code=~\"2.*\"}",
                "http_requests_total{job=\"api\", job=\"web\"}",
                "cpu offset 5m",
                "cpu offset -2m",
                "rate(http_requests_total[5m])",
                "increase(http_requests_total{code=\"500\"}[10m] offset 3m)",
                "irate(http_requests_total[2m])",
                "resets(http_requests_total[30m])",
                "avg_over_time(cpu[7m])",
                "quantile_over_time(0.9, cpu[10m])",
                "predict_linear(cpu[10m], 600)",
                "absent_over_time(cpu{instance=\"a:1\"}[2m])",
                "absent(cpu{job=\"api\", instance=\"zz\"})",
                "absent(http_requests_total{job=~\"api\", job=\"x\"})",
                "timestamp(cpu)",
                "timestamp(cpu @ end() offset 1m)",
                "timestamp(-cpu)",
                "sum by (job) (rate(http_requests_total[5m]))",
                "avg without (instance, code) (rate(http_requests_total[5m]))",
                "count(cpu) + group(cpu)",
                "min by (job) (cpu) - max by (job) (cpu)",
                "stddev by (job) (cpu)",
                "stdvar(cpu)",
                "count_values(\"value\", round(cpu))",
                "topk(2, rate(http_requests_total[5m]))",
                "bottomk by (job) (1, cpu)",
                "quantile by (job) (0.75, cpu)",
                "limitk(1, cpu)",
                "max(sum by (job) (rate(http_requests_total[5m])))",
                "histogram_quantile(0.9, sum by (le, job) (rate(lat_bucket[5m])))",
                "histogram_quantile(0.5, lat_bucket)",
                "histogram_fraction(0, 0.5, rate(lat_bucket[5m]))",
                "rate(http_requests_total{code=\"500\"}[5m]) / ignoring (code)"
                        + " rate(http_requests_total{code=\"200\"}[5m])",
                "sum by (job, instance) (rate(http_requests_total[5m])) / on (job) group_left"
                        + " sum by (job) (rate(http_requests_total[5m]))",
                "cpu > 2",
                "cpu > bool 2",
                "2 * cpu - 1",
                "cpu and on (instance) (cpu > 1)",
                "cpu unless cpu{instance=\"a:1\"}",
                "cpu or vector(1)",
                "scalar(sum(cpu)) * 2 + time()",
                "max_over_time(rate(http_requests_total[5m])[30m:1m])",
                "max_over_time(sum(rate(http_requests_total[5m]))[20m:2m] offset 1m)",
                "min_over_time(cpu[10m:])",
                "label_replace(cpu, \"host\", \"$1\", \"instance\", \"(.*):.*\")",
                "label_join(cpu, \"both\", \"-\", \"job\", \"instance\")",
                "clamp(cpu, 1, 3) + clamp_min(cpu, 2) + clamp_max(cpu, 1)",
                "sort_desc(cpu)",
                "sgn(cpu - 2) * abs(cpu)",
                "hour() + minute(vector(time()))",
                "step() + range()",
                "start() - end() + time()",
                "rate(http_requests_total[5m] @ end()) - rate(http_requests_total[5m] @ start())",
                "-(-cpu)",
                "max_of(1, 2) + min_of(scalar(cpu{instance=\"a:1\", job=\"api\"}), 3)"
            })
    void planMeansWhatTheQueryMeans(String query) {
        CompiledView v = ViewCompiler.defaults().compile("v", query, STEP);
        String built = PlanToPromql.print(v.logical());
        String optimized = PlanToPromql.print(v.plan());
        // A view's step t is a range query over [t, t]; over a longer range only queries that do
        // not refer to the query's own range (@ start(), start(), range(), ...) agree step by step.
        boolean rangeBound =
                query.contains("@ ")
                        || query.contains("start()")
                        || query.contains("end()")
                        || query.contains("range()");
        if (!rangeBound) {
            QueryValue.Matrix expected = engine.rangeQuery(store, query, START, END, STEP);
            assertEquals(
                    expected.toString(),
                    engine.rangeQuery(store, built, START, END, STEP).toString(),
                    "plan as built: " + built);
            assertEquals(
                    expected.toString(),
                    engine.rangeQuery(store, optimized, START, END, STEP).toString(),
                    "plan as optimized: " + optimized);
        }
        for (long t = START; t <= END; t += 20 * STEP) {
            QueryValue.Matrix expected = engine.rangeQuery(store, query, t, t, STEP);
            assertEquals(
                    expected.toString(),
                    engine.rangeQuery(store, optimized, t, t, STEP).toString(),
                    "at " + t + ", plan as optimized: " + optimized);
        }
    }
}
