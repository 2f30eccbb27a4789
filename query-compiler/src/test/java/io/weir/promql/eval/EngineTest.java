package io.weir.promql.eval;

import static io.weir.promql.eval.Ast.agg;
import static io.weir.promql.eval.Ast.at;
import static io.weir.promql.eval.Ast.bin;
import static io.weir.promql.eval.Ast.call;
import static io.weir.promql.eval.Ast.num;
import static io.weir.promql.eval.Ast.offset;
import static io.weir.promql.eval.Ast.range;
import static io.weir.promql.eval.Ast.sel;
import static io.weir.promql.eval.Ast.subquery;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weir.promql.PromqlException;
import io.weir.promql.ast.AggregateOp;
import io.weir.promql.ast.BinaryOp;
import io.weir.promql.ast.Expr;
import io.weir.promql.ast.LabelMatcher;
import io.weir.promql.ast.VectorMatching;
import io.weir.promql.model.GoFloatFormat;
import io.weir.promql.model.Labels;
import io.weir.promql.model.StaleNaN;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EngineTest {
    private final MemorySampleStore store = new MemorySampleStore();
    private final Engine engine = new Engine(EngineOptions.defaults());

    @AfterEach
    void close() {
        engine.close();
    }

    private void load(Labels l, long stepMs, double... values) {
        for (int i = 0; i < values.length; i++) {
            store.append(l, i * stepMs, values[i]);
        }
    }

    private Map<String, Double> instant(Expr e, long t) {
        QueryValue v = engine.instantQuery(store, e, t);
        Map<String, Double> out = new TreeMap<>();
        for (QueryValue.Sample s : ((QueryValue.Vector) v).samples()) {
            out.put(s.labels().toString(), s.value());
        }
        return out;
    }

    @Test
    void selectorLooksBackFiveMinutes() {
        load(Labels.of("__name__", "m", "a", "1"), 60_000, 1, 2);
        assertEquals(Map.of("m{a=\"1\"}", 2.0), instant(sel("m"), 60_000 + 299_999));
        assertEquals(Map.of(), instant(sel("m"), 60_000 + 300_000));
        assertEquals(Map.of(), instant(sel("m"), -1));
    }

    @Test
    void staleMarkerEndsTheSeries() {
        Labels l = Labels.of("__name__", "m");
        store.append(l, 0, 1);
        store.append(l, 30_000, StaleNaN.VALUE);
        store.append(l, 90_000, 3);
        assertEquals(Map.of("m", 1.0), instant(sel("m"), 29_000));
        assertEquals(Map.of(), instant(sel("m"), 60_000));
        assertEquals(Map.of("m", 3.0), instant(sel("m"), 100_000));
        // Range functions never see the marker.
        assertEquals(
                Map.of("{}", 2.0),
                instant(call("count_over_time", range(sel("m"), 200_000)), 100_000));
    }

    @Test
    void outOfOrderAppendsAreSortedAndLaterValuesWin() {
        Labels l = Labels.of("__name__", "m");
        store.append(l, 60_000, 2);
        store.append(l, 0, 1);
        store.append(l, 60_000, 5);
        QueryValue.Matrix m = engine.rangeQuery(store, sel("m"), 0, 60_000, 60_000);
        assertEquals(1, m.series().size());
        assertArrayEquals(new double[] {1, 5}, m.series().get(0).values());
    }

    @Test
    void offsetAndAtShiftTheLookup() {
        load(Labels.of("__name__", "m"), 60_000, 0, 1, 2, 3, 4, 5);
        assertEquals(Map.of("m", 3.0), instant(offset(sel("m"), 120_000), 300_000));
        assertEquals(Map.of("m", 1.0), instant(at(sel("m"), 60_000), 300_000));
        QueryValue.Matrix m = engine.rangeQuery(store, at(sel("m"), 120_000), 0, 180_000, 60_000);
        assertArrayEquals(new double[] {2, 2, 2, 2}, m.series().get(0).values());
    }

    @Test
    void rangeWindowsAreLeftOpen() {
        load(Labels.of("__name__", "m"), 60_000, 1, 1, 1, 1);
        // (60s, 180s] holds the samples at 120s and 180s.
        assertEquals(
                Map.of("{}", 2.0),
                instant(call("count_over_time", range(sel("m"), 120_000)), 180_000));
    }

    @Test
    void rangeQueryStepsEqualInstantQueries() {
        load(Labels.of("__name__", "m", "i", "a"), 15_000, 1, 4, 2, 8, 5, 7, 3, 9, 6);
        load(Labels.of("__name__", "m", "i", "b"), 15_000, 3, 1, 4, 1, 5, 9, 2, 6, 5);
        Expr e = agg(AggregateOp.SUM, call("max_over_time", range(sel("m"), 40_000)), List.of());
        QueryValue.Matrix m = engine.rangeQuery(store, e, 0, 120_000, 10_000);
        QueryValue.Series s = m.series().get(0);
        for (int i = 0; i < s.size(); i++) {
            Map<String, Double> inst = instant(e, s.timestamps()[i]);
            assertEquals(s.values()[i], inst.get("{}"));
        }
    }

    @Test
    void subqueryStepsAreAlignedToAbsoluteMultiples() {
        QueryContext ctx =
                new QueryContext(store, EngineOptions.defaults(), new Parallel.Pool(1), 0, 0, 0);
        Steps inner =
                Subqueries.innerSteps(
                        ctx, subquery(sel("m"), 60_000, 20_000), Steps.instant(95_000));
        assertEquals(new Steps(40_000, 95_000, 20_000), inner);
        load(Labels.of("__name__", "m"), 10_000, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        // Points at 40s, 60s, 80s: values 4, 6, 8.
        assertEquals(
                Map.of("{}", 18.0),
                instant(call("sum_over_time", subquery(sel("m"), 60_000, 20_000)), 95_000));
    }

    @Test
    void arithmeticDropsTheNameAndComparisonKeepsIt() {
        load(Labels.of("__name__", "m", "a", "1"), 60_000, 5);
        load(Labels.of("__name__", "n", "a", "1"), 60_000, 2);
        assertEquals(Map.of("{a=\"1\"}", 7.0), instant(bin(BinaryOp.ADD, sel("m"), sel("n")), 0));
        assertEquals(Map.of("m{a=\"1\"}", 5.0), instant(bin(BinaryOp.GTR, sel("m"), sel("n")), 0));
        assertEquals(Map.of("{a=\"1\"}", 10.0), instant(bin(BinaryOp.MUL, sel("m"), num(2)), 0));
        assertEquals(Map.of(), instant(bin(BinaryOp.LSS, sel("m"), num(2)), 0));
    }

    @Test
    void duplicateMatchGroupIsAnError() {
        load(Labels.of("__name__", "m", "a", "1", "b", "x"), 60_000, 1);
        load(Labels.of("__name__", "n", "a", "1", "b", "x"), 60_000, 1);
        load(Labels.of("__name__", "n", "a", "1", "b", "y"), 60_000, 1);
        VectorMatching on =
                new VectorMatching(
                        VectorMatching.Cardinality.ONE_TO_ONE, true, List.of("a"), List.of());
        PromqlException e =
                assertThrows(
                        PromqlException.class,
                        () -> instant(bin(BinaryOp.ADD, sel("m"), sel("n"), on), 0));
        assertEquals(
                "found duplicate series for the match group {a=\"1\"} on the right hand-side of"
                        + " the operation: [{__name__=\"n\", a=\"1\", b=\"x\"}, {__name__=\"n\", a=\"1\", b=\"y\"}];many-to-many"
                        + " matching not allowed: matching labels must be unique on one side",
                e.getMessage());
        PromqlException e2 =
                assertThrows(
                        PromqlException.class,
                        () -> instant(bin(BinaryOp.ADD, sel("n"), sel("m"), on), 0));
        assertEquals(
                "multiple matches for labels: many-to-one matching must be explicit"
                        + " (group_left/group_right)",
                e2.getMessage());
        VectorMatching groupLeft =
                new VectorMatching(
                        VectorMatching.Cardinality.MANY_TO_ONE, true, List.of("a"), List.of());
        assertEquals(
                Map.of("{a=\"1\", b=\"x\"}", 2.0, "{a=\"1\", b=\"y\"}", 2.0),
                instant(bin(BinaryOp.ADD, sel("n"), sel("m"), groupLeft), 0));
    }

    @Test
    void setOperators() {
        load(Labels.of("__name__", "m", "a", "1"), 60_000, 1);
        load(Labels.of("__name__", "m", "a", "2"), 60_000, 2);
        load(Labels.of("__name__", "n", "a", "2"), 60_000, 3);
        load(Labels.of("__name__", "n", "a", "3"), 60_000, 4);
        assertEquals(Map.of("m{a=\"2\"}", 2.0), instant(bin(BinaryOp.AND, sel("m"), sel("n")), 0));
        assertEquals(
                Map.of("m{a=\"1\"}", 1.0), instant(bin(BinaryOp.UNLESS, sel("m"), sel("n")), 0));
        assertEquals(
                Map.of("m{a=\"1\"}", 1.0, "m{a=\"2\"}", 2.0, "n{a=\"3\"}", 4.0),
                instant(bin(BinaryOp.OR, sel("m"), sel("n")), 0));
    }

    @Test
    void aggregationsGroupByLabels() {
        load(Labels.of("__name__", "m", "job", "a", "i", "1"), 60_000, 1);
        load(Labels.of("__name__", "m", "job", "a", "i", "2"), 60_000, 3);
        load(Labels.of("__name__", "m", "job", "b", "i", "1"), 60_000, 5);
        assertEquals(
                Map.of("{job=\"a\"}", 4.0, "{job=\"b\"}", 5.0),
                instant(agg(AggregateOp.SUM, sel("m"), List.of("job")), 0));
        assertEquals(
                Map.of("{job=\"a\"}", 2.0, "{job=\"b\"}", 1.0),
                instant(agg(AggregateOp.COUNT, sel("m"), List.of("job")), 0));
    }

    @Test
    void topkOrdersItsResult() {
        load(Labels.of("__name__", "m", "i", "1"), 60_000, 1);
        load(Labels.of("__name__", "m", "i", "2"), 60_000, 3);
        load(Labels.of("__name__", "m", "i", "3"), 60_000, 2);
        QueryValue.Vector v =
                (QueryValue.Vector)
                        engine.instantQuery(
                                store, agg(AggregateOp.TOPK, num(2), sel("m"), List.of()), 0);
        assertEquals(2, v.samples().size());
        assertEquals(3.0, v.samples().get(0).value());
        assertEquals(2.0, v.samples().get(1).value());
        QueryValue.Vector b =
                (QueryValue.Vector)
                        engine.instantQuery(
                                store, agg(AggregateOp.BOTTOMK, num(2), sel("m"), List.of()), 0);
        assertEquals(1.0, b.samples().get(0).value());
        assertEquals(2.0, b.samples().get(1).value());
        PromqlException e =
                assertThrows(
                        PromqlException.class,
                        () ->
                                instant(
                                        agg(AggregateOp.TOPK, num(Double.NaN), sel("m"), List.of()),
                                        0));
        assertEquals("Parameter value is NaN", e.getMessage());
    }

    @Test
    void regexMatchersAreAnchored() {
        load(Labels.of("__name__", "m", "a", "foo"), 60_000, 1);
        load(Labels.of("__name__", "m", "a", "foobar"), 60_000, 2);
        Expr e =
                sel(
                        List.of(
                                LabelMatcher.equal("__name__", "m"),
                                new LabelMatcher("a", LabelMatcher.MatchOp.REGEX, "fo+")));
        assertEquals(Map.of("m{a=\"foo\"}", 1.0), instant(e, 0));
    }

    @Test
    void tooManySamplesIsReported() {
        load(Labels.of("__name__", "m"), 1_000, new double[100]);
        EngineOptions small = new EngineOptions(300_000, 60_000, 10, Duration.ofMinutes(1), 2);
        try (Engine limited = new Engine(small)) {
            PromqlException e =
                    assertThrows(
                            PromqlException.class,
                            () -> limited.rangeQuery(store, sel("m"), 0, 99_000, 1_000));
            assertEquals(
                    "query processing would load too many samples into memory in query execution",
                    e.getMessage());
        }
    }

    @Test
    void concurrentQueriesOnOneEngineGetTheirOwnResults() throws Exception {
        for (int s = 0; s < 40; s++) {
            load(
                    Labels.of("__name__", "m", "job", "j" + (s % 4), "i", "" + s),
                    15_000,
                    1,
                    2,
                    3,
                    4,
                    5);
        }
        List<Expr> queries =
                List.of(
                        agg(AggregateOp.SUM, sel("m"), List.of("job")),
                        call("max_over_time", range(sel("m"), 60_000)),
                        bin(BinaryOp.MUL, sel("m"), sel("m")),
                        agg(AggregateOp.TOPK, num(3), sel("m"), List.of()));
        List<QueryValue.Matrix> expected = new java.util.ArrayList<>();
        for (Expr q : queries) {
            expected.add(engine.rangeQuery(store, q, 0, 60_000, 5_000));
        }
        java.util.concurrent.ExecutorService callers =
                java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<QueryValue.Matrix>> futures =
                    new java.util.ArrayList<>();
            for (int rep = 0; rep < 5; rep++) {
                for (Expr q : queries) {
                    futures.add(
                            callers.submit(() -> engine.rangeQuery(store, q, 0, 60_000, 5_000)));
                }
            }
            for (int i = 0; i < futures.size(); i++) {
                assertEquals(expected.get(i % queries.size()), futures.get(i).get());
            }
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void bulkAppendsMayComeOutOfOrder() {
        Labels l = Labels.of("__name__", "m");
        store.appendAll(l, new long[] {120_000, 0, 60_000, 60_000}, new double[] {3, 1, 9, 2}, 4);
        QueryValue.Matrix m = engine.rangeQuery(store, sel("m"), 0, 120_000, 60_000);
        assertArrayEquals(new double[] {1, 2, 3}, m.series().get(0).values());
    }

    @Test
    void storeListsLabelNamesAndValues() {
        load(Labels.of("__name__", "m", "b", "2"), 60_000, 1);
        load(Labels.of("__name__", "n", "a", "1"), 60_000, 1);
        assertEquals(List.of("__name__", "a", "b"), store.labelNames());
        assertEquals(List.of("m", "n"), store.labelValues("__name__"));
        assertEquals(List.of(), store.labelValues("zzz"));
        // A matcher that accepts the empty value also selects series without the label.
        Expr e =
                sel(
                        List.of(
                                new LabelMatcher("__name__", LabelMatcher.MatchOp.REGEX, "m|n"),
                                new LabelMatcher("a", LabelMatcher.MatchOp.NOT_EQUAL, "1")));
        assertEquals(Map.of("m{b=\"2\"}", 1.0), instant(e, 0));
    }

    @Test
    void timeoutIsReported() throws InterruptedException {
        load(Labels.of("__name__", "m"), 1_000, new double[100]);
        EngineOptions tiny = new EngineOptions(300_000, 60_000, 1_000_000, Duration.ofNanos(1), 2);
        try (Engine limited = new Engine(tiny)) {
            PromqlException e =
                    assertThrows(
                            PromqlException.class,
                            () -> limited.rangeQuery(store, sel("m"), 0, 99_000, 1_000));
            assertEquals("query timed out in query execution", e.getMessage());
            assertEquals(PromqlException.ErrorCode.TIMEOUT, e.code());
        }
    }

    @Test
    void countValuesAndHistogramQuantilesLabelTheirOutput() {
        load(Labels.of("__name__", "m", "i", "1"), 60_000, 2);
        load(Labels.of("__name__", "m", "i", "2"), 60_000, 2);
        load(Labels.of("__name__", "m", "i", "3"), 60_000, 0.5);
        assertEquals(
                Map.of("{v=\"2\"}", 2.0, "{v=\"0.5\"}", 1.0),
                instant(agg(AggregateOp.COUNT_VALUES, Ast.str("v"), sel("m"), List.of()), 0));
        assertEquals("0.0", HistogramFunctions.openMetricsFloat(0));
        assertEquals("0.25", HistogramFunctions.openMetricsFloat(0.25));
        assertEquals("1e+06", HistogramFunctions.openMetricsFloat(1e6));
        assertEquals("-9.223372036854776e+18", GoFloatFormat.formatG(-9.223372036854776e18));
    }

    @Test
    void absentReportsTheEqualityMatchers() {
        load(Labels.of("__name__", "m", "a", "1"), 60_000, 1);
        assertEquals(Map.of(), instant(call("absent", sel("m")), 0));
        assertEquals(Map.of("{a=\"2\"}", 1.0), instant(call("absent", sel("nope", "a", "2")), 0));
        assertEquals(
                Map.of("{a=\"2\"}", 1.0),
                instant(call("absent_over_time", range(sel("nope", "a", "2"), 60_000)), 0));
    }

    @Test
    void rangeQueryRejectsRangeVectors() {
        PromqlException e =
                assertThrows(
                        PromqlException.class,
                        () -> engine.rangeQuery(store, range(sel("m"), 60_000), 0, 60_000, 1_000));
        assertEquals(
                "invalid expression type \"range vector\" for range query, must be Scalar or"
                        + " instant Vector",
                e.getMessage());
    }

    @Test
    void instantQueryOfRangeVectorReturnsRawPoints() {
        load(Labels.of("__name__", "m"), 30_000, 1, 2, 3, 4);
        QueryValue v = engine.instantQuery(store, range(sel("m"), 60_000), 90_000);
        QueryValue.Series s = ((QueryValue.Matrix) v).series().get(0);
        assertArrayEquals(new long[] {60_000, 90_000}, s.timestamps());
        assertTrue(s.labels().has("__name__"));
    }

    @Test
    void labelReplaceReadsTheNameToBeDroppedAndExpandsUnknownGroupsToNothing() {
        load(Labels.of("__name__", "m", "a", "x"), 60_000, 1);
        Expr rate = call("abs", sel("m"));
        assertEquals(
                Map.of("{a=\"x\", b=\"m-\"}", 1.0),
                instant(
                        call(
                                "label_replace",
                                rate,
                                Ast.str("b"),
                                Ast.str("$1-$2"),
                                Ast.str("__name__"),
                                Ast.str("(.*)")),
                        0));
    }
}
