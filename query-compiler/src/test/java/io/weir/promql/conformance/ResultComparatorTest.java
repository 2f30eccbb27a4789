package io.weir.promql.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weir.promql.eval.QueryValue;
import io.weir.promql.model.Labels;
import io.weir.promql.model.StaleNaN;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultComparatorTest {
    private static final Labels A = Labels.of("__name__", "m", "a", "1");
    private static final Labels B = Labels.of("__name__", "m", "a", "2");

    private static Command.Eval eval(String script) {
        return (Command.Eval) ScriptParser.parse(script).get(0);
    }

    private static QueryValue.Vector vector(Object... labelsAndValues) {
        List<QueryValue.Sample> samples = new ArrayList<>();
        for (int i = 0; i < labelsAndValues.length; i += 2) {
            samples.add(
                    new QueryValue.Sample(
                            (Labels) labelsAndValues[i], 0, (Double) labelsAndValues[i + 1]));
        }
        return new QueryValue.Vector(samples);
    }

    @Test
    void almostEqualIsRelative() {
        assertTrue(AlmostEqual.equal(1.0, 1.0 + 1e-7));
        assertFalse(AlmostEqual.equal(1.0, 1.0 + 1e-5));
        assertTrue(AlmostEqual.equal(1e100, 1e100 * (1 + 1e-7)));
        assertFalse(AlmostEqual.equal(0.0, 1e-300));
        assertTrue(AlmostEqual.equal(0.0, -0.0));
        assertTrue(AlmostEqual.equal(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY));
        assertFalse(AlmostEqual.equal(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY));
    }

    @Test
    void nanEqualsNanButStaleOnlyStale() {
        assertTrue(AlmostEqual.equal(Double.NaN, Double.NaN));
        assertTrue(AlmostEqual.equal(StaleNaN.VALUE, StaleNaN.VALUE));
        assertFalse(AlmostEqual.equal(StaleNaN.VALUE, Double.NaN));
        assertFalse(AlmostEqual.equal(Double.NaN, StaleNaN.VALUE));
    }

    @Test
    void vectorMatchesByLabelsInAnyOrder() {
        Command.Eval ev = eval("eval instant at 0 m\n m{a=\"1\"} 1\n m{a=\"2\"} 2\n");
        assertNull(ResultComparator.compare(ev, vector(B, 2.0, A, 1.0000001), true));
    }

    @Test
    void vectorReportsWrongValueMissingAndUnexpectedSeries() {
        Command.Eval ev = eval("eval instant at 0 m\n m{a=\"1\"} 1\n");
        assertTrue(ResultComparator.compare(ev, vector(A, 1.1), false).contains("expected 1 for"));
        assertTrue(ResultComparator.compare(ev, vector(), false).contains("not found"));
        assertTrue(
                ResultComparator.compare(ev, vector(A, 1.0, B, 2.0), false)
                        .contains("unexpected metric"));
    }

    @Test
    void orderedChecksPositions() {
        Command.Eval ev =
                eval("eval instant at 0 m\n expect ordered\n m{a=\"1\"} 1\n m{a=\"2\"} 2\n");
        assertNull(ResultComparator.compare(ev, vector(A, 1.0, B, 2.0), true));
        assertNotNull(ResultComparator.compare(ev, vector(B, 2.0, A, 1.0), true));
        // The range-mode re-run does not check the order.
        assertNull(ResultComparator.compare(ev, vector(B, 2.0, A, 1.0), false));
    }

    @Test
    void emptyExpectationNeedsAnEmptyVector() {
        Command.Eval ev = eval("eval instant at 0 m");
        assertNull(ResultComparator.compare(ev, vector(), false));
        assertNotNull(ResultComparator.compare(ev, vector(A, 1.0), false));
        assertNotNull(ResultComparator.compare(ev, new QueryValue.Scalar(0, 1), false));
    }

    @Test
    void scalars() {
        Command.Eval ev = eval("eval instant at 0 1\n 1\n");
        assertNull(ResultComparator.compare(ev, new QueryValue.Scalar(0, 1), false));
        assertNotNull(ResultComparator.compare(ev, new QueryValue.Scalar(0, 2), false));
        assertNotNull(ResultComparator.compare(ev, vector(A, 1.0), false));
    }

    @Test
    void strings() {
        Command.Eval ev = eval("eval instant at 0 \"a\"\n expect string \"a\"\n");
        assertNull(ResultComparator.compare(ev, new QueryValue.StringValue(0, "a"), false));
        assertNotNull(ResultComparator.compare(ev, new QueryValue.StringValue(0, "b"), false));
    }

    @Test
    void matrixPointsSitAtStartPlusStepsAndGapsAreSkipped() {
        Command.Eval ev = eval("eval range from 0 to 2m step 1m m\n m{a=\"1\"} 1 _ 3\n");
        QueryValue.Matrix good =
                new QueryValue.Matrix(
                        List.of(
                                new QueryValue.Series(
                                        A, new long[] {0, 120_000}, new double[] {1, 3})));
        assertNull(ResultComparator.compare(ev, good, false));
        QueryValue.Matrix shifted =
                new QueryValue.Matrix(
                        List.of(
                                new QueryValue.Series(
                                        A, new long[] {0, 60_000}, new double[] {1, 3})));
        assertTrue(ResultComparator.compare(ev, shifted, false).contains("timestamp"));
        QueryValue.Matrix extra =
                new QueryValue.Matrix(
                        List.of(
                                new QueryValue.Series(
                                        A,
                                        new long[] {0, 60_000, 120_000},
                                        new double[] {1, 2, 3})));
        assertTrue(ResultComparator.compare(ev, extra, false).contains("expected 2 float points"));
    }

    @Test
    void matrixMustBeSortedByLabels() {
        Command.Eval ev = eval("eval range from 0 to 0 step 1m m\n m{a=\"1\"} 1\n m{a=\"2\"} 2\n");
        QueryValue.Matrix unsorted =
                new QueryValue.Matrix(
                        List.of(
                                new QueryValue.Series(B, new long[] {0}, new double[] {2}),
                                new QueryValue.Series(A, new long[] {0}, new double[] {1})));
        assertTrue(ResultComparator.compare(ev, unsorted, false).contains("sorted"));
    }

    @Test
    void moreExpectedPointsThanTheRangeHoldsFail() {
        Command.Eval ev = eval("eval range from 0 to 1m step 1m m\n m{a=\"1\"} 1 2 3\n");
        QueryValue.Matrix m =
                new QueryValue.Matrix(
                        List.of(
                                new QueryValue.Series(
                                        A, new long[] {0, 60_000}, new double[] {1, 2})));
        assertTrue(
                ResultComparator.compare(ev, m, false).contains("cannot return this many points"));
    }

    @Test
    void instantRangeVectorUsesTheExpectedRange() {
        Command.Eval ev =
                eval(
                        "eval instant at 1m m[1m]\n expect range vector from 30s to 1m step 30s\n m{a=\"1\"} 1 2\n");
        QueryValue.Matrix m =
                new QueryValue.Matrix(
                        List.of(
                                new QueryValue.Series(
                                        A, new long[] {30_000, 60_000}, new double[] {1, 2})));
        assertNull(ResultComparator.compare(ev, m, false));
    }

    @Test
    void describeShowsBothSides() {
        Command.Eval ev = eval("eval instant at 0 m\n m{a=\"1\"} 1\n");
        assertEquals("  m{a=\"1\"} 1\n", ResultComparator.describeExpected(ev));
        assertEquals("  m{a=\"2\"} stale\n", ResultComparator.describe(vector(B, StaleNaN.VALUE)));
        assertEquals("  (empty result)\n", ResultComparator.describe(vector()));
    }
}
