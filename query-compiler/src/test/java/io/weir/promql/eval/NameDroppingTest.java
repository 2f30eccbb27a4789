package io.weir.promql.eval;

import static io.weir.promql.eval.Ast.bin;
import static io.weir.promql.eval.Ast.call;
import static io.weir.promql.eval.Ast.num;
import static io.weir.promql.eval.Ast.range;
import static io.weir.promql.eval.Ast.sel;
import static io.weir.promql.eval.Ast.str;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.weir.promql.PromqlException;
import io.weir.promql.ast.BinaryOp;
import io.weir.promql.ast.Expr;
import io.weir.promql.ast.LabelMatcher;
import io.weir.promql.ast.PositionRange;
import io.weir.promql.ast.UnaryExpr;
import io.weir.promql.model.Labels;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Prometheus 3 removes metric names at the end of a query, not where a function drops them. */
class NameDroppingTest {
    private final MemorySampleStore store = new MemorySampleStore();
    private final Engine engine = new Engine(EngineOptions.defaults());

    @AfterEach
    void close() {
        engine.close();
    }

    private static Expr neg(Expr e) {
        return new UnaryExpr(true, e, PositionRange.NONE);
    }

    private List<QueryValue.Sample> instant(Expr e, long t) {
        return ((QueryValue.Vector) engine.instantQuery(store, e, t)).samples();
    }

    @Test
    void labelReplaceCanStillReadAndKeepTheName() {
        store.append(Labels.of("__name__", "m_total", "env", "1"), 0, 0);
        store.append(Labels.of("__name__", "m_total", "env", "1"), 60_000, 60);
        Expr rate = call("rate", range(sel(null, "env", "1"), 120_000));
        List<QueryValue.Sample> kept =
                instant(
                        call(
                                "label_replace",
                                rate,
                                str("__name__"),
                                str("rate_$1"),
                                str("__name__"),
                                str("(.+)")),
                        60_000);
        assertEquals(Labels.of("__name__", "rate_m_total", "env", "1"), kept.get(0).labels());
        List<QueryValue.Sample> copied =
                instant(
                        call(
                                "label_replace",
                                rate,
                                str("n"),
                                str("$1"),
                                str("__name__"),
                                str("(.+)")),
                        60_000);
        assertEquals(Labels.of("n", "m_total", "env", "1"), copied.get(0).labels());
    }

    @Test
    void seriesThatMeetAfterNameRemovalMergeInARangeQuery() {
        store.append(Labels.of("__name__", "a"), 0, 1);
        store.append(Labels.of("__name__", "b"), 0, 3);
        store.append(Labels.of("__name__", "b"), 600_000, 4);
        EngineOptions opts =
                new EngineOptions(300_000, 60_000, 1_000_000, java.time.Duration.ofMinutes(1), 2);
        try (Engine e = new Engine(opts)) {
            QueryValue.Matrix m =
                    e.rangeQuery(
                            store,
                            bin(BinaryOp.OR, neg(sel("a")), neg(sel("b"))),
                            0,
                            1_200_000,
                            600_000);
            assertEquals(1, m.series().size());
            assertEquals(Labels.EMPTY, m.series().get(0).labels());
            assertArrayEquals(new double[] {-1, -4}, m.series().get(0).values());
            // Set matching ignores the names: at 0 only the left side survives.
            List<QueryValue.Sample> at0 =
                    ((QueryValue.Vector)
                                    e.instantQuery(
                                            store,
                                            bin(BinaryOp.OR, neg(sel("a")), neg(sel("b"))),
                                            0))
                            .samples();
            assertEquals(1, at0.size());
            assertEquals(-1.0, at0.get(0).value());
            // Where both have a point at one step, the merge fails.
            PromqlException ex =
                    assertThrows(
                            PromqlException.class,
                            () ->
                                    e.rangeQuery(
                                            store,
                                            bin(
                                                    BinaryOp.ADD,
                                                    sel(
                                                            List.of(
                                                                    new LabelMatcher(
                                                                            "__name__",
                                                                            LabelMatcher.MatchOp
                                                                                    .REGEX,
                                                                            "a|b"))),
                                                    num(0)),
                                            0,
                                            1_200_000,
                                            600_000));
            assertEquals("vector cannot contain metrics with the same labelset", ex.getMessage());
        }
    }

    @Test
    void comparisonsKeepTheNameUnlessBool() {
        store.append(Labels.of("__name__", "m"), 0, 5);
        assertEquals(
                Labels.of("__name__", "m"),
                instant(bin(BinaryOp.GTR, sel("m"), num(1)), 0).get(0).labels());
        Expr bool =
                new io.weir.promql.ast.BinaryExpr(
                        BinaryOp.GTR, sel("m"), num(1), null, true, PositionRange.NONE);
        QueryValue.Sample s = instant(bool, 0).get(0);
        assertEquals(Labels.EMPTY, s.labels());
        assertEquals(1.0, s.value());
    }

    @Test
    void lastOverTimeKeepsTheNameAndOtherRangeFunctionsDropIt() {
        store.append(Labels.of("__name__", "m"), 0, 5);
        assertEquals(
                Labels.of("__name__", "m"),
                instant(call("last_over_time", range(sel("m"), 60_000)), 0).get(0).labels());
        assertEquals(
                Labels.EMPTY,
                instant(call("max_over_time", range(sel("m"), 60_000)), 0).get(0).labels());
    }
}
