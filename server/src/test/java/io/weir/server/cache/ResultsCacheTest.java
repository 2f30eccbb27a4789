package io.weir.server.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weir.connectors.codec.ResultKind;
import io.weir.connectors.codec.ResultRecord;
import io.weir.promql.eval.Evaluation;
import io.weir.promql.eval.QueryValue;
import io.weir.promql.model.Labels;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Each rule of the results cache, with an evaluator that records the ranges it is asked for and
 * answers {@code f(t) = t / 1000} for two series, so every answer can be checked point by point.
 */
class ResultsCacheTest {
    private static final long STEP = 60_000;
    private static final Labels A = Labels.of("a", "1");
    private static final Labels B = Labels.of("a", "2");
    private static final Dependencies RAW = new Dependencies(Set.of(), false, 300_000);

    private final List<long[]> asked = new ArrayList<>();

    private Evaluation evaluate(long from, long to) {
        asked.add(new long[] {from, to});
        return new Evaluation(expected(from, to), List.of(), List.of());
    }

    /** The answer at the grid steps of [from, to]; series B has no point at t = 10 min. */
    private static QueryValue.Matrix expected(long from, long to) {
        int n = (int) ((to - from) / STEP) + 1;
        long[] ts = new long[n];
        double[] vs = new double[n];
        List<Long> bt = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ts[i] = from + i * STEP;
            vs[i] = ts[i] / 1000.0;
            if (ts[i] != 10 * STEP) {
                bt.add(ts[i]);
            }
        }
        long[] bts = bt.stream().mapToLong(Long::longValue).toArray();
        double[] bvs = new double[bts.length];
        for (int i = 0; i < bts.length; i++) {
            bvs[i] = -bts[i] / 1000.0;
        }
        List<QueryValue.Series> s = new ArrayList<>();
        s.add(new QueryValue.Series(A, ts, vs));
        if (bts.length > 0) {
            s.add(new QueryValue.Series(B, bts, bvs));
        }
        return new QueryValue.Matrix(s);
    }

    private QueryValue.Matrix query(ResultsCache c, long from, long to, long finalEnd) {
        return query(c, "q", from, to, finalEnd, RAW);
    }

    private QueryValue.Matrix query(
            ResultsCache c, String q, long from, long to, long finalEnd, Dependencies deps) {
        asked.clear();
        QueryValue.Matrix m =
                (QueryValue.Matrix)
                        c.range(
                                        CacheKey.of(q, from, STEP, 0),
                                        from,
                                        to,
                                        STEP,
                                        finalEnd,
                                        deps,
                                        this::evaluate)
                                .evaluation()
                                .value();
        assertEquals(expected(from, to), m);
        return m;
    }

    private void assertAsked(long[]... ranges) {
        assertEquals(ranges.length, asked.size(), "ranges asked");
        for (int i = 0; i < ranges.length; i++) {
            assertArrayEquals(ranges[i], asked.get(i));
        }
    }

    @Test
    void anOverlappingQueryComputesOnlyTheMissingSteps() {
        ResultsCache c = new ResultsCache(1 << 20);
        query(c, 5 * STEP, 20 * STEP, Long.MAX_VALUE);
        assertAsked(new long[] {5 * STEP, 20 * STEP});
        // Shifted by one step: only the new step is computed.
        query(c, 6 * STEP, 21 * STEP, Long.MAX_VALUE);
        assertAsked(new long[] {21 * STEP, 21 * STEP});
        // Wider on both sides: two pieces.
        query(c, 2 * STEP, 25 * STEP, Long.MAX_VALUE);
        assertAsked(new long[] {2 * STEP, 4 * STEP}, new long[] {22 * STEP, 25 * STEP});
        // Inside: nothing.
        query(c, 3 * STEP, 24 * STEP, Long.MAX_VALUE);
        assertAsked();
        assertEquals(1, c.hits.get());
        assertEquals(1, c.misses.get());
        assertEquals(2, c.partialHits.get());
        // Joined end to end into one extent.
        assertEquals(1, c.extents());
    }

    @Test
    void stepsAfterTheFinalBoundaryAreNeverCached() {
        ResultsCache c = new ResultsCache(1 << 20);
        query(c, 0, 20 * STEP, 15 * STEP + 1);
        query(c, 0, 20 * STEP, 15 * STEP + 1);
        assertAsked(new long[] {16 * STEP, 20 * STEP});
        query(c, 0, 20 * STEP, -1);
        assertAsked(new long[] {16 * STEP, 20 * STEP});
        ResultsCache none = new ResultsCache(1 << 20);
        query(none, 0, 20 * STEP, -1);
        query(none, 0, 20 * STEP, -1);
        assertAsked(new long[] {0, 20 * STEP});
    }

    @Test
    void theKeyHoldsTheQueryTheStepAndThePhaseOfTheStart() {
        ResultsCache c = new ResultsCache(1 << 20);
        query(c, 0, 20 * STEP, Long.MAX_VALUE);
        query(c, "other", 0, 20 * STEP, Long.MAX_VALUE, RAW);
        assertAsked(new long[] {0, 20 * STEP});
        asked.clear();
        // Same query, start off the cached grid: a key of its own.
        long off = 15_000;
        c.range(
                CacheKey.of("q", off, STEP, 0),
                off,
                off + 10 * STEP,
                STEP,
                Long.MAX_VALUE,
                RAW,
                this::evaluate);
        assertAsked(new long[] {off, off + 10 * STEP});
        assertEquals(new CacheKey("q", STEP, 15_000, 0), CacheKey.of("q", off + 7 * STEP, STEP, 0));
    }

    @Test
    void theBoundInBytesEvictsTheLeastRecentlyUsed() {
        ResultsCache probe = new ResultsCache(1 << 20);
        query(probe, 0, 20 * STEP, Long.MAX_VALUE);
        long one = probe.bytes();
        ResultsCache c = new ResultsCache(2 * one + one / 2);
        query(c, "a", 0, 20 * STEP, Long.MAX_VALUE, RAW);
        query(c, "b", 0, 20 * STEP, Long.MAX_VALUE, RAW);
        query(c, "a", 0, 20 * STEP, Long.MAX_VALUE, RAW); // a is now the most recent
        query(c, "c", 0, 20 * STEP, Long.MAX_VALUE, RAW); // evicts b
        assertTrue(c.bytes() <= 2 * one + one / 2);
        assertEquals(1, c.evictions.get());
        query(c, "a", 0, 20 * STEP, Long.MAX_VALUE, RAW);
        assertAsked();
        query(c, "b", 0, 20 * STEP, Long.MAX_VALUE, RAW);
        assertAsked(new long[] {0, 20 * STEP});
    }

    @Test
    void aLateCorrectionRemovesOnlyTheStepsItTouchesOfQueriesReadingTheView() {
        ResultsCache c = new ResultsCache(1 << 20);
        Dependencies readsV = new Dependencies(Set.of("v"), false, STEP);
        query(c, "of-v", 0, 30 * STEP, Long.MAX_VALUE, readsV);
        query(c, "raw", 0, 30 * STEP, Long.MAX_VALUE, RAW);
        c.stored(List.of(new ResultRecord("v", A, 10 * STEP, 1, ResultKind.FINAL)));
        assertEquals(1, c.invalidations.get());
        query(c, "of-v", 0, 30 * STEP, Long.MAX_VALUE, readsV);
        assertAsked(new long[] {9 * STEP, 11 * STEP});
        query(c, "raw", 0, 30 * STEP, Long.MAX_VALUE, RAW);
        assertAsked();
        // A new step after every cached one touches nothing.
        c.stored(List.of(new ResultRecord("v", A, 40 * STEP, 1, ResultKind.FINAL)));
        query(c, "of-v", 0, 30 * STEP, Long.MAX_VALUE, readsV);
        assertAsked();
        // A query that may read any view is touched by every view.
        Dependencies any = new Dependencies(Set.of(), true, 0);
        query(c, "any", 0, 30 * STEP, Long.MAX_VALUE, any);
        c.stored(List.of(new ResultRecord("w", A, 0, 1, ResultKind.FINAL)));
        query(c, "any", 0, 30 * STEP, Long.MAX_VALUE, any);
        assertAsked(new long[] {0, 0});
    }

    @Test
    void annotationsAreKeptWithTheStepsTheyCameFrom() {
        ResultsCache c = new ResultsCache(1 << 20);
        for (int i = 0; i < 2; i++) {
            asked.clear();
            Evaluation e =
                    c.range(
                                    CacheKey.of("w", 0, STEP, 0),
                                    0,
                                    5 * STEP,
                                    STEP,
                                    Long.MAX_VALUE,
                                    RAW,
                                    (a, b) -> {
                                        asked.add(new long[] {a, b});
                                        return new Evaluation(
                                                expected(a, b), List.of("a warning"), List.of());
                                    })
                            .evaluation();
            assertEquals(List.of("a warning"), e.warnings());
            if (i == 1) {
                assertAsked();
            }
        }
    }
}
