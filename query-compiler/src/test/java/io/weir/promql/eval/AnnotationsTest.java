package io.weir.promql.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.weir.promql.model.GoFloatFormat;
import io.weir.promql.model.Labels;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Warnings and infos reported next to results, worded and positioned as Prometheus does. */
class AnnotationsTest {
    private final MemorySampleStore store = new MemorySampleStore();
    private final Engine engine = new Engine(EngineOptions.defaults());

    @BeforeEach
    void load() {
        for (int i = 0; i < 10; i++) {
            store.append(Labels.of("__name__", "temperature", "room", "a"), i * 60_000L, i);
            store.append(Labels.of("__name__", "req_total", "room", "a"), i * 60_000L, i);
        }
    }

    @AfterEach
    void close() {
        engine.close();
    }

    @Test
    void rateOfANonCounterNameIsAnInfo() {
        Evaluation e = engine.evaluateInstant(store, "rate(temperature[5m])", 540_000);
        assertEquals(
                List.of(
                        "PromQL info: metric might not be a counter, name does not end in"
                                + " _total/_sum/_count/_bucket: \"temperature\" (1:6)"),
                e.infos());
        assertEquals(List.of(), e.warnings());
        assertEquals(
                List.of(), engine.evaluateInstant(store, "rate(req_total[5m])", 540_000).infos());
    }

    @Test
    void invalidQuantilesAreWarnings() {
        Evaluation e = engine.evaluateInstant(store, "quantile(1.5, temperature)", 540_000);
        assertEquals(
                List.of("PromQL warning: quantile value should be between 0 and 1, got 1.5 (1:10)"),
                e.warnings());
        Evaluation o =
                engine.evaluateInstant(store, "quantile_over_time(-1, temperature[5m])", 540_000);
        assertEquals(
                List.of("PromQL warning: quantile value should be between 0 and 1, got -1 (1:20)"),
                o.warnings());
    }

    @Test
    void forcedMonotonicityIsAnInfoMergedOverSteps() {
        double[] perStep = {2, 1, 5, 4, 9, 8};
        String[] le = {"0.1", "1", "10", "100", "1000", "+Inf"};
        for (int b = 0; b < le.length; b++) {
            for (int i = 0; i <= 10; i++) {
                store.append(
                        Labels.of("__name__", "nonmonotonic_bucket", "le", le[b]),
                        i * 300_000L,
                        perStep[b] * i);
            }
        }
        Evaluation e =
                engine.evaluateRange(
                        store,
                        "histogram_quantile(0.5, nonmonotonic_bucket)",
                        2_400_000,
                        3_000_000,
                        300_000);
        assertEquals(
                List.of(
                        "PromQL info: input to histogram_quantile needed to be fixed for monotonicity"
                                + " (see https://prometheus.io/docs/prometheus/latest/querying/functions/#histogram_quantile)"
                                + " for metric name \"nonmonotonic_bucket\", from buckets 1 to +Inf,"
                                + " with a max diff of 10, over 3 samples from 1970-01-01T00:40:00Z to"
                                + " 1970-01-01T00:50:00Z (1:25)"),
                e.infos());
        assertEquals("0.5", GoFloatFormat.formatG(0.5, 2));
        assertEquals("1e+02", GoFloatFormat.formatG(100, 2));
        assertEquals("0.00012", GoFloatFormat.formatG(0.0001234, 2));
        assertEquals("12", GoFloatFormat.formatG(12.4, 2));
    }

    @Test
    void sortInARangeQueryIsAWarning() {
        Evaluation e = engine.evaluateRange(store, "sort(temperature)", 0, 540_000, 60_000);
        assertEquals(
                List.of(
                        "PromQL warning: sort is ineffective for range queries since results are"
                                + " always ordered by labels (1:1)"),
                e.warnings());
        assertEquals(List.of(), engine.evaluateInstant(store, "sort(temperature)", 0).warnings());
    }
}
