package io.weir.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weir.promql.ast.AggregateOp;
import io.weir.promql.model.Labels;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Which plans the stages run, and the errors that name what they do not run yet. */
class ViewProgramTest {

    private static ViewProgram compile(String query) throws UnsupportedViewException {
        return ViewProgram.compile(new ViewSpec("v", query, 60_000, 10_000, 119_999));
    }

    @Test
    void splitsAPlanIntoLeafPerSeriesOpsAggregationAndOuterOps() throws Exception {
        ViewProgram p = compile("2 * sum by (job) (rate(x{a=\"b\"}[5m]) / 60) + 1");
        assertEquals("rate", p.function);
        assertEquals(300_000, p.reachMillis);
        assertEquals(1, p.pre.size());
        assertEquals(AggregateOp.SUM, p.aggregation);
        assertEquals(2, p.post.size());
        assertTrue(p.selects(Labels.of("__name__", "x", "a", "b")));
        assertTrue(!p.selects(Labels.of("__name__", "x", "a", "c")));
        assertEquals(
                Labels.of("job", "api"),
                p.group(Labels.of("__name__", "x", "job", "api", "i", "1")));
        assertEquals(3.0, p.post.get(1).apply(p.post.get(0).apply(1)));
    }

    @Test
    void rangeFunctionsTakeConstantArgumentsInArgumentOrder() throws Exception {
        ViewProgram q = compile("quantile_over_time(0.25 * 2, x[5m])");
        assertEquals("quantile_over_time", q.function);
        assertEquals(List.of(0.5), java.util.Arrays.stream(q.params).boxed().toList());
        ViewProgram s = compile("double_exponential_smoothing(x[5m], 0.3, 0.7)");
        assertEquals(List.of(0.3, 0.7), java.util.Arrays.stream(s.params).boxed().toList());
    }

    @Test
    void anInstantSelectorLooksBackFiveMinutes() throws Exception {
        ViewProgram p = compile("x offset 1m");
        assertNull(p.function);
        assertEquals(300_000, p.reachMillis);
        assertEquals(60_000, p.offsetMillis);
        assertTrue(p.pre.isEmpty() && p.post.isEmpty());
        assertNull(p.aggregation);
    }

    @Test
    void stepsSeeingASampleStartAtTheViewsFirstStep() throws Exception {
        ViewProgram p = compile("max_over_time(x[2m])");
        // Registered at 119999: the first step is 120000.
        assertEquals(120_000, p.firstStepSeeing(1_000));
        assertEquals(60_000, p.lastStepSeeing(1_000) - 60_000);
        assertEquals(180_000, p.firstStepSeeing(120_001));
        assertEquals(240_000, p.lastStepSeeing(120_001));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "x / on(job) y | VectorJoin",
                "topk(2, x) | aggregation topk",
                "quantile(0.9, x) | aggregation quantile",
                "histogram_quantile(0.9, rate(x_bucket[5m])) | BucketFunction",
                "abs(x) | SeriesFunction",
                "absent_over_time(x[5m]) | Absent",
                "double_exponential_smoothing(x[5m], 2, 0.5) | range function"
                        + " double_exponential_smoothing argument",
                "predict_linear(x[5m], time()) | scalar StepTime",
                "x > 2 | vector-scalar operator >",
                "x % 2 | vector-scalar operator %",
                "x * time() | scalar StepTime",
                "sum(x) + sum(y) | VectorJoin",
                "rate(x[5m:1m]) | Subquery",
                "timestamp(x) | timestamp()",
                "vector(1) | ToVector",
                "1 + 1 | ScalarBinary",
                "absent(x) | Absent",
                "sum(sum by (a) (x)) | Aggregate"
            })
    void refusesWhatTheStagesDoNotRunNamingTheConstruct(String query, String construct) {
        UnsupportedViewException e =
                assertThrows(UnsupportedViewException.class, () -> compile(query));
        assertTrue(e.getMessage().startsWith("view v: "), e.getMessage());
        assertTrue(e.getMessage().contains(construct), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"x @ 1700000000", "rate(x[5m]", "x[5m]"})
    void refusesWhatDoesNotCompileWithTheCompilersMessage(String query) {
        UnsupportedViewException e =
                assertThrows(UnsupportedViewException.class, () -> compile(query));
        assertTrue(e.getMessage().startsWith("view v: "), e.getMessage());
    }

    @Test
    void stepPointLabelsRoundTrip() {
        for (Labels l :
                List.of(
                        Labels.EMPTY,
                        Labels.of("a", ""),
                        Labels.of("__name__", "x", "job", "a b", "z", "é"))) {
            assertEquals(l, StepPoint.decode(StepPoint.encode(l)));
        }
    }
}
