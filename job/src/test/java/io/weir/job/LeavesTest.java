package io.weir.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.weir.promql.model.Labels;
import io.weir.promql.model.StaleNaN;
import org.junit.jupiter.api.Test;

/** Leaf values of the series stage, and their sharing between views. */
class LeavesTest {
    private static final Labels X = Labels.of("__name__", "x", "job", "a");

    /** x at 0, 15 s, 30 s, ...: 0, 10, 20, ... */
    private static final SeriesBuffer.Series SERIES =
            SeriesBuffer.Series.of(
                    X,
                    new long[] {60_000, 75_000, 90_000, 105_000, 120_000},
                    new double[] {0, 10, 20, 30, 40});

    private static ViewProgram program(String name, String query) throws Exception {
        return ViewProgram.compile(new ViewSpec(name, query, 60_000, 10_000, 59_999));
    }

    @Test
    void viewsWithTheSameLeafComputeItOncePerSeriesAndStep() throws Exception {
        ViewProgram a = program("a", "sum by (job) (rate(x[1m]))");
        ViewProgram c = program("c", "rate(x[1m]) * 60");
        assertEquals(a.leaf, c.leaf);
        Leaves leaves = new Leaves();
        double rate = leaves.value(a, SERIES, 120_000);
        assertEquals(rate, leaves.value(c, SERIES, 120_000));
        assertEquals(1, leaves.evaluations());
        // Another step is another computation.
        leaves.value(c, SERIES, 180_000);
        assertEquals(2, leaves.evaluations());
    }

    @Test
    void differentLeavesAreComputedApart() throws Exception {
        ViewProgram fiveMinutes = program("a", "rate(x[5m])");
        ViewProgram oneMinute = program("b", "rate(x[1m])");
        assertNotEquals(fiveMinutes.leaf, oneMinute.leaf);
        Leaves leaves = new Leaves();
        leaves.value(fiveMinutes, SERIES, 120_000);
        leaves.value(oneMinute, SERIES, 120_000);
        assertEquals(2, leaves.evaluations());
    }

    @Test
    void anInstantSelectorTakesTheLatestSampleUnlessItIsAMarker() throws Exception {
        ViewProgram selector = program("s", "x");
        assertEquals(40.0, new Leaves().value(selector, SERIES, 120_000));
        assertEquals(30.0, new Leaves().value(selector, SERIES, 110_000));
        SeriesBuffer.Series stale =
                SeriesBuffer.Series.of(
                        X, new long[] {60_000, 75_000}, new double[] {1, StaleNaN.VALUE});
        assertNull(new Leaves().value(selector, stale, 120_000));
        // Beyond the lookback nothing is seen.
        assertNull(new Leaves().value(selector, SERIES, 120_000 + 300_000));
    }
}
