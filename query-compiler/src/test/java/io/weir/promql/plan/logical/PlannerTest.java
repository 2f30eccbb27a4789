package io.weir.promql.plan.logical;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.weir.promql.PromqlException;
import io.weir.promql.PromqlException.ErrorCode;
import io.weir.promql.model.Labels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlannerTest {
    private static final PlanOptions MINUTE = PlanOptions.withStep(60_000);

    private static String plan(String query) {
        return PlanPrinter.print(Planner.plan(query, MINUTE));
    }

    @Test
    void instantSelector() {
        assertEquals(
                """
                InstantSample lookback=5m offset=1m step=1m
                  SeriesScan {job="api", __name__="up"}
                """,
                plan("up{job=\"api\"} offset 1m"));
    }

    @Test
    void rangeFunctionWithParameter() {
        assertEquals(
                """
                RangeWindow quantile_over_time range=10m offset=0s step=1m
                  SeriesScan {__name__="x"}
                  NumberValue 0.9
                """,
                plan("quantile_over_time(0.9, x[10m])"));
    }

    @Test
    void aggregationGroupingIsSortedAndDeduplicated() {
        assertEquals(plan("sum by (b, a) (x)"), plan("sum by (a, b, a) (x)"));
        assertEquals(
                """
                Aggregate sum by(a, b)
                  InstantSample lookback=5m offset=0s step=1m
                    SeriesScan {__name__="x"}
                """,
                plan("sum by (b, a) (x)"));
    }

    @Test
    void subqueryInnerRunsAtItsOwnStep() {
        assertEquals(
                """
                RangeWindow max_over_time range=30m offset=5m step=1m
                  Subquery step=2m
                    RangeWindow rate range=5m offset=0s step=2m
                      SeriesScan {__name__="x"}
                """,
                plan("max_over_time(rate(x[5m])[30m:2m] offset 5m)"));
    }

    @Test
    void subqueryWithoutStepUsesTheDefault() {
        assertEquals(
                """
                RangeWindow min_over_time range=10m offset=0s step=1m
                  Subquery step=1m
                    InstantSample lookback=5m offset=0s step=1m
                      SeriesScan {__name__="x"}
                """,
                plan("min_over_time(x[10m:])"));
    }

    @Test
    void binaryOperatorsByOperandTypes() {
        assertEquals(
                """
                VectorJoin / on(job) group_left(instance)
                  InstantSample lookback=5m offset=0s step=1m
                    SeriesScan {__name__="a"}
                  VectorScalar scalar - vector
                    InstantSample lookback=5m offset=0s step=1m
                      SeriesScan {__name__="b"}
                    ScalarBinary ^
                      NumberValue 2
                      NumberValue 3
                """,
                plan("a / on (job) group_left (instance) (2 ^ 3 - b)"));
        assertEquals(
                """
                VectorJoin or ignoring() many-to-many
                  InstantSample lookback=5m offset=0s step=1m
                    SeriesScan {__name__="a"}
                  InstantSample lookback=5m offset=0s step=1m
                    SeriesScan {__name__="b"}
                """,
                plan("a or b"));
    }

    @Test
    void absentTakesItsLabelsFromTheMatchersAsWritten() {
        LogicalNode p = Planner.plan("absent(up{job=\"api\", job=\"web\", env=\"prod\"})", MINUTE);
        assertEquals(Labels.of("env", "prod"), ((Absent) p).labels());
        assertEquals(
                """
                Absent {job="api"}
                  RangeWindow count_over_time range=10m offset=0s step=1m
                    SeriesScan {job="api", __name__="up"}
                """,
                plan("absent_over_time(up{job=\"api\"}[10m])"));
    }

    @Test
    void timestampOfASelectorReadsSampleTimes() {
        assertEquals(
                """
                InstantSample lookback=5m offset=0s step=1m value=timestamp
                  SeriesScan {__name__="x"}
                """,
                plan("timestamp(x @ end() offset 1m)"));
        assertEquals(
                """
                SeriesFunction timestamp
                  SeriesFunction abs
                    InstantSample lookback=5m offset=0s step=1m
                      SeriesScan {__name__="x"}
                """,
                plan("timestamp(abs(x))"));
    }

    @Test
    void queryRangeFunctionsMeanTheStep() {
        assertEquals("StepTime\n", plan("start()"));
        assertEquals("StepTime\n", plan("end()"));
        assertEquals("NumberValue 0\n", plan("range()"));
        assertEquals("NumberValue 60\n", plan("step()"));
        assertEquals(
                """
                SeriesFunction hour
                  ToVector
                    StepTime
                """,
                plan("hour()"));
    }

    @Test
    void atStartAndEndAreTheStepItself() {
        assertEquals(plan("rate(x[5m] offset 1m)"), plan("rate(x[5m] offset 1m @ start())"));
        assertEquals(plan("x"), plan("x @ end()"));
        assertEquals(plan("max_over_time(x[5m:])"), plan("max_over_time(x[5m:] @ end())"));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
                    foo @ 1700000000 | 1:5: @ 1700000000 pins evaluation to a fixed time; a continuous view cannot use it
                    rate(foo[5m] @ 1700000000.5) | 1:14: @ 1700000000.5 pins evaluation to a fixed time; a continuous view cannot use it
                    rate(foo[5m] offset 1m @ 100) | 1:24: @ 100 pins evaluation to a fixed time; a continuous view cannot use it
                    min_over_time((foo)[5m:] offset 1m @ 100) | 1:36: @ 100 pins evaluation to a fixed time; a continuous view cannot use it
                    foo{a="@"} offset 1m @ 100 | 1:22: @ 100 pins evaluation to a fixed time; a continuous view cannot use it
                    max_over_time((x @ end())[5m:1m] @ 60) | 1:34: @ 60 pins evaluation to a fixed time; a continuous view cannot use it
                    sum(x)\\n  + (y @ 10) | 2:8: @ 10 pins evaluation to a fixed time; a continuous view cannot use it
                    """)
    void fixedTimestampsAreRejectedWithPosition(String query, String message) {
        PromqlException e =
                assertThrows(
                        PromqlException.class,
                        () -> Planner.plan(query.replace("\\n", "\n"), MINUTE));
        assertEquals(ErrorCode.UNSUPPORTED, e.code());
        assertEquals(message, e.getMessage());
    }

    @Test
    void theViewsStepInsideASubqueryIsRejected() {
        PromqlException at =
                assertThrows(
                        PromqlException.class,
                        () -> Planner.plan("max_over_time((x @ end())[5m:1m])", MINUTE));
        assertEquals(ErrorCode.UNSUPPORTED, at.code());
        assertEquals(
                "1:18: @ end() inside a subquery pins every point of the subquery to the view's"
                        + " step; a continuous view cannot evaluate that",
                at.getMessage());
        PromqlException fn =
                assertThrows(
                        PromqlException.class,
                        () -> Planner.plan("max_over_time(vector(start())[5m:1m])", MINUTE));
        assertEquals(
                "1:22: start() inside a subquery is the view's step, not the time of the"
                        + " subquery's point; a continuous view cannot evaluate that",
                fn.getMessage());
    }

    @Test
    void stepIsTheViewsStepEvenInsideASubquery() {
        assertEquals(
                """
                RangeWindow max_over_time range=5m offset=0s step=1m
                  Subquery step=30s
                    ToVector
                      NumberValue 60
                """,
                plan("max_over_time(vector(step())[5m:30s])"));
    }

    @Test
    void aViewMustBeAScalarOrInstantVector() {
        PromqlException e =
                assertThrows(PromqlException.class, () -> Planner.plan("x[5m]", MINUTE));
        assertEquals(ErrorCode.UNSUPPORTED, e.code());
        assertEquals(
                "1:1: invalid expression type \"range vector\" for range query, must be Scalar or"
                        + " instant Vector",
                e.getMessage());
        assertThrows(PromqlException.class, () -> Planner.plan("\"text\"", MINUTE));
    }

    @Test
    void functionsTheEvaluatorLacksAreRejectedByName() {
        PromqlException e =
                assertThrows(PromqlException.class, () -> Planner.plan("1 + info(up)", MINUTE));
        assertEquals(ErrorCode.UNSUPPORTED, e.code());
        assertEquals(
                "1:5: function info() is not supported: the evaluator that defines Weir's"
                        + " semantics does not implement it",
                e.getMessage());
    }

    @Test
    void identicalSubPlansHaveOneIdWhereverWritten() {
        LogicalNode a = Planner.plan("sum(rate(x{a=\"1\"}[5m]))", MINUTE);
        LogicalNode b = Planner.plan("rate(x{a=\"1\"}[5m]) / 2", MINUTE);
        LogicalNode rateA = ((Aggregate) a).input();
        LogicalNode rateB = ((VectorScalar) b).vector();
        assertEquals(rateA, rateB);
        assertEquals(rateA.id(), rateB.id());
        assertEquals(16, rateA.id().hex().length());
    }

    @Test
    void idsDifferWhenContentDiffers() {
        assertNotEquals(
                Planner.plan("rate(x[5m])", MINUTE).id(),
                Planner.plan("rate(x[5m])", PlanOptions.withStep(30_000)).id());
        assertNotEquals(
                Planner.plan("rate(x[5m])", MINUTE).id(), Planner.plan("rate(x[6m])", MINUTE).id());
        assertNotEquals(
                Planner.plan("sum by (a) (x)", MINUTE).id(),
                Planner.plan("sum without (a) (x)", MINUTE).id());
        assertNotEquals(Planner.plan("0", MINUTE).id(), Planner.plan("-0", MINUTE).id());
    }

    @Test
    void idsAreStableAcrossRuns() {
        // Derived from content alone: this value may change only with the node's text format.
        assertEquals(
                "a322b24a4d42b124",
                Planner.plan("http_requests_total", MINUTE).inputs().get(0).id().hex());
    }
}
