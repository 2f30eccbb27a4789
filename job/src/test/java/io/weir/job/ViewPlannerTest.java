package io.weir.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weir.promql.model.Labels;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Which path runs a view, what the evaluated path reads, and what is refused. */
class ViewPlannerTest {

    private static ViewPlan plan(String query) throws UnsupportedViewException {
        return ViewPlanner.plan(new ViewSpec("v", query, 60_000, 10_000, 119_999));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "x",
                "x offset 1m",
                "rate(x[5m])",
                "sum by (job) (rate(x[5m]))",
                "2 * avg without (i) (x / 60) + 1",
                "quantile_over_time(0.5, x[5m])",
                "sum(predict_linear(x[5m], 600))",
                // The view's step itself: the compiler drops the modifier.
                "x @ start()"
            })
    void stagedShapesStayOnTheStagedPath(String query) throws Exception {
        assertInstanceOf(ViewProgram.class, plan(query));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "x / on(job) y",
                "topk(2, x)",
                "sum(topk(2, x))",
                "sum(rate(a[5m])) / sum(rate(b[5m]))",
                "avg_over_time(sum(x)[10m:1m])",
                "label_replace(sum by (job) (x), \"a\", \"$1\", \"__name__\", \"(.*)\")",
                "rate(x[5m:1m])",
                "absent(x)",
                "vector(1)",
                "x offset -1m",
                "label_replace(x, \"a\", \"$1\", \"b\", \"(.*)\")"
            })
    void everythingElseRunsOnTheEvaluatedPath(String query) throws Exception {
        assertInstanceOf(EvaluatedView.class, plan(query));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "histogram_quantile(0.9, sum by (le) (rate(x_bucket[5m]))) | sum by (le) (rate(x_bucket[5m]))",
                "max(sum by (job) (rate(x[5m]))) | sum by (job) (rate(x[5m]))",
                "topk(3, sum by (job) (x)) / 2 | sum by (job) (x)",
                "sum(x) > 100 | sum(x)",
                "count(count by (job) (x)) | count by (job) (x)"
            })
    void oneStagedAggregationUnderTheRestIsAHybrid(String query, String inner) throws Exception {
        HybridView h = assertInstanceOf(HybridView.class, plan(query));
        ViewProgram staged = ViewProgram.compile(new ViewSpec("v", inner, 60_000, 10_000, 119_999));
        assertEquals(staged.leaf, h.inner().leaf);
        assertEquals(staged.aggregation, h.inner().aggregation);
        assertTrue(h.outer().toString().contains(HybridView.INNER), h.outer().toString());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "x @ 1700000000 | @ 1700000000 pins evaluation to a fixed time",
                "rate(x[5m] @ 100) | @ 100 pins evaluation to a fixed time",
                "max_over_time((x @ start())[5m:1m]) | @ start() inside a subquery",
                "rate(x[5m] | parse error",
                "x[5m] | range vector"
            })
    void refusesWhatAViewCannotBeNamingIt(String query, String construct) {
        UnsupportedViewException e =
                assertThrows(UnsupportedViewException.class, () -> plan(query));
        assertTrue(e.getMessage().startsWith("view v: "), e.getMessage());
        assertTrue(e.getMessage().contains(construct), e.getMessage());
    }

    @Test
    void theEvaluatedPathReadsSelectorsSubqueriesAndOffsetsBack() throws Exception {
        EvaluatedView v =
                (EvaluatedView)
                        plan("max_over_time(rate(x[2m] offset 1m)[10m:1m] offset 3m) / on() y");
        // x: 2m range + 1m offset, inside a 10m subquery 3m back; y: the 5m lookback.
        assertEquals(16 * 60_000, v.backReachMillis());
        assertEquals(0, v.forwardMillis());
        assertEquals(10_000, v.finalDelayMillis());
        assertTrue(v.selects(Labels.of("__name__", "x", "a", "b")));
        assertTrue(v.selects(Labels.of("__name__", "y")));
        assertFalse(v.selects(Labels.of("__name__", "z")));
    }

    @Test
    void aNegativeOffsetDelaysTheFinalStep() throws Exception {
        EvaluatedView v = (EvaluatedView) plan("x offset -90s");
        assertEquals(90_000, v.forwardMillis());
        assertEquals(100_000, v.finalDelayMillis());
        // The step at 120000 reads (120000 - 210000, 210000]: a sample at 200000 counts for it.
        assertEquals(120_000, v.firstStepSeeing(200_000));
        assertEquals(180_000, v.lastStepSeeing(0));
        assertEquals(120_000L, v.stepFinalAt(220_000));
        assertEquals(null, v.stepFinalAt(130_000));
    }

    @Test
    void everyCorpusViewHasAPlan() throws Exception {
        Map<String, Integer> paths = new TreeMap<>();
        for (Expectations.View v : Expectations.corpus()) {
            ViewPlan p =
                    ViewPlanner.plan(new ViewSpec(v.name(), v.query(), v.stepMillis(), 10_000, 0));
            paths.merge(p.getClass().getSimpleName(), 1, Integer::sum);
        }
        System.out.println("corpus views by path: " + paths);
        assertEquals(3, paths.size(), paths.toString());
    }

    @Test
    void aViewWithoutSelectorsReadsNothing() throws Exception {
        EvaluatedView v = (EvaluatedView) plan("vector(time())");
        assertFalse(v.selects(Labels.of("__name__", "x")));
        assertEquals(0, v.backReachMillis());
    }
}
