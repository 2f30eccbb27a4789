package io.weir.server.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weir.promql.eval.Engine;
import io.weir.promql.eval.EngineOptions;
import io.weir.promql.eval.MemorySampleStore;
import io.weir.promql.eval.QueryValue;
import io.weir.promql.model.Labels;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The generator's data has the shapes Prometheus users know, and PromQL reads it sensibly. */
class MetricsModelTest {
    private static final long T0 = 1_704_067_200_000L; // 2024-01-01T00:00:00Z
    private static final long STEP = 15_000;
    private static final int TICKS = 4 * 60 * 3; // three hours

    private static Map<Labels, List<double[]>> run(MetricsModel model) {
        Map<Labels, List<double[]>> out = new HashMap<>();
        for (int k = 0; k < TICKS; k++) {
            model.tick(
                    T0 + k * STEP,
                    (i, labels, t, v) ->
                            out.computeIfAbsent(labels, l -> new ArrayList<>())
                                    .add(new double[] {t, v}));
        }
        return out;
    }

    @Test
    void seriesComeInWholeInstancesWithDistinctLabels() {
        MetricsModel m = new MetricsModel(100, 10, 1);
        assertEquals(6 * MetricsModel.SERIES_PER_INSTANCE, m.seriesCount()); // 100 / 17, rounded up
        HashSet<Labels> distinct = new HashSet<>();
        for (int i = 0; i < m.seriesCount(); i++) {
            distinct.add(m.labels(i));
        }
        assertEquals(m.seriesCount(), distinct.size());
    }

    @Test
    void countersOnlyGrowOrResetToZero() {
        Map<Labels, List<double[]>> data = run(new MetricsModel(300, 10, 7));
        int resets = 0;
        for (Map.Entry<Labels, List<double[]>> e : data.entrySet()) {
            String name = e.getKey().get("__name__");
            if (!name.endsWith("_total")
                    && !name.endsWith("_bucket")
                    && !name.endsWith("_count")
                    && !name.endsWith("_sum")) {
                continue;
            }
            double previous = 0;
            for (double[] s : e.getValue()) {
                if (s[1] < previous) {
                    assertEquals(0, s[1], e.getKey() + " reset to zero");
                    resets++;
                }
                previous = s[1];
            }
        }
        assertTrue(resets > 0, "some instance restarted in three hours");
    }

    @Test
    void histogramsAreCumulativeAndCountTheirRequests() {
        MetricsModel m = new MetricsModel(200, 20, 3);
        List<Double> row = new ArrayList<>();
        for (int k = 0; k < 200; k++) {
            row.clear();
            m.tick(T0 + k * STEP, (i, labels, t, v) -> row.add(v));
            for (int base = 0; base < row.size(); base += MetricsModel.SERIES_PER_INSTANCE) {
                double requests = 0;
                for (int r = 0; r < 4; r++) {
                    requests += row.get(base + r);
                }
                double previous = 0;
                for (int b = 0; b < MetricsModel.BOUNDS.length; b++) {
                    double bucket = row.get(base + 4 + b);
                    assertTrue(bucket >= previous, "buckets grow with le");
                    previous = bucket;
                }
                double count = row.get(base + 4 + MetricsModel.BOUNDS.length + 1);
                assertEquals(previous, count, "the +Inf bucket is the count");
                assertEquals(requests, count, "every request is observed once");
                assertTrue(row.get(base + 4 + MetricsModel.BOUNDS.length) >= 0, "sum");
            }
        }
    }

    @Test
    void theSameSeedGivesTheSameData() {
        assertEquals(
                flatten(run(new MetricsModel(50, 10, 42))),
                flatten(run(new MetricsModel(50, 10, 42))));
        assertNotEquals(
                flatten(run(new MetricsModel(50, 10, 42))),
                flatten(run(new MetricsModel(50, 10, 43))));
    }

    @Test
    void promqlReadsSensibleRatesAndQuantiles() {
        double rate = 10;
        MetricsModel m = new MetricsModel(30 * MetricsModel.SERIES_PER_INSTANCE, rate, 5);
        MemorySampleStore store = new MemorySampleStore();
        for (int k = 0; k < TICKS; k++) {
            m.tick(T0 + k * STEP, (i, labels, t, v) -> store.append(labels, t, v));
        }
        long at = T0 + (TICKS - 1) * STEP;
        try (Engine engine = new Engine(EngineOptions.defaults())) {
            QueryValue.Vector perJob =
                    (QueryValue.Vector)
                            engine.instantQuery(
                                    store, "sum by (job) (rate(http_requests_total[30m]))", at);
            assertEquals(3, perJob.samples().size());
            for (QueryValue.Sample s : perJob.samples()) {
                // Ten instances per job at about `rate` requests per second each.
                assertTrue(
                        s.value() > 10 * rate * 0.5 && s.value() < 10 * rate * 1.5, s.toString());
            }
            QueryValue.Vector p90 =
                    (QueryValue.Vector)
                            engine.instantQuery(
                                    store,
                                    "histogram_quantile(0.9, sum by (le)"
                                            + " (rate(http_request_duration_seconds_bucket[5m])))",
                                    at);
            double q = p90.samples().get(0).value();
            assertTrue(q > 0.05 && q < 1, "p90 latency " + q);
            QueryValue.Vector errors =
                    (QueryValue.Vector)
                            engine.instantQuery(
                                    store,
                                    "sum(rate(http_requests_total{code=\"500\"}[3h]))"
                                            + " / sum(rate(http_requests_total[3h]))",
                                    at);
            double ratio = errors.samples().get(0).value();
            assertTrue(ratio > 0.02 && ratio < 0.1, "error ratio " + ratio);
        }
    }

    private static List<String> flatten(Map<Labels, List<double[]>> data) {
        List<String> out = new ArrayList<>();
        data.entrySet().stream()
                .sorted(Map.Entry.comparingByKey(java.util.Comparator.comparing(Labels::toString)))
                .forEach(
                        e -> {
                            for (double[] s : e.getValue()) {
                                out.add(e.getKey() + " " + s[0] + " " + s[1]);
                            }
                        });
        return out;
    }
}
