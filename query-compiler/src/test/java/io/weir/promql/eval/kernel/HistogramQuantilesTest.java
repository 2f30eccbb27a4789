package io.weir.promql.eval.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HistogramQuantilesTest {
    private static final double INF = Double.POSITIVE_INFINITY;
    private static final double NAN = Double.NaN;

    private static double quantile(double q, double[] bounds, double[] counts) {
        return HistogramQuantiles.bucketQuantile(q, bounds.clone(), counts.clone(), bounds.length);
    }

    private static double fraction(double lower, double upper, double[] bounds, double[] counts) {
        return HistogramQuantiles.bucketFraction(
                lower, upper, bounds.clone(), counts.clone(), bounds.length);
    }

    private static final double[] POS_BOUNDS = {0.1, 0.2, 1, INF};
    private static final double[] POS_COUNTS = {50, 70, 110, 120};
    private static final double[] NEG_BOUNDS = {-0.2, -0.1, 0.3, INF};
    private static final double[] NEG_COUNTS = {10, 20, 20, 30};

    @Test
    void interpolatesInsideTheBucketHoldingTheRank() {
        double[] qs = {0, 0.2, 0.5, 0.8, 1};
        double[] pos = {0, 0.048, 0.15, 0.72, 1};
        double[] neg = {-0.2, -0.2, -0.15, 0.3, 0.3};
        for (int i = 0; i < qs.length; i++) {
            Approx.close(pos[i], quantile(qs[i], POS_BOUNDS, POS_COUNTS));
            Approx.close(neg[i], quantile(qs[i], NEG_BOUNDS, NEG_COUNTS));
        }
    }

    @Test
    void quantileOutOfRange() {
        Approx.exact(-INF, quantile(-0.1, POS_BOUNDS, POS_COUNTS));
        Approx.exact(INF, quantile(1.01, POS_BOUNDS, POS_COUNTS));
        Approx.exact(NAN, quantile(NAN, POS_BOUNDS, POS_COUNTS));
    }

    @Test
    void lowestBucketWithANonPositiveBoundAnswersWithTheBound() {
        double[] bounds = {-0.25, -0.2, -0.1, 0.3, INF};
        double[] counts = {0, 10, 20, 20, 20};
        Approx.close(-0.25, quantile(0, bounds, counts));
        Approx.close(-0.225, quantile(0.25, bounds, counts));
        Approx.close(-0.2, quantile(0.5, bounds, counts));
        Approx.close(-0.15, quantile(0.75, bounds, counts));
        Approx.close(-0.1, quantile(1, bounds, counts));
        double[] pos = {0, 0.1, 0.2, 1, INF};
        double[] posCounts = {0, 50, 70, 110, 110};
        Approx.close(0, quantile(0, pos, posCounts));
        Approx.close(0.055, quantile(0.25, pos, posCounts));
        Approx.close(0.125, quantile(0.5, pos, posCounts));
        Approx.close(0.45, quantile(0.75, pos, posCounts));
        Approx.close(1, quantile(1, pos, posCounts));
    }

    @Test
    void middleOfBuckets() {
        double[] bounds = {0, 2, 4, 6, INF};
        double[] counts = {0, 1, 2, 3, 3};
        Approx.close(1, quantile(1. / 6., bounds, counts));
        Approx.close(3, quantile(0.5, bounds, counts));
        Approx.close(5, quantile(5. / 6., bounds, counts));
    }

    @Test
    void unsortedAndDuplicateBoundsAreSortedAndMerged() {
        // Rates of one histogram whose 0.2 bucket was exported under three spellings.
        double[] bounds = {0.2, INF, 0.1, 0.2, 0.2};
        double[] counts = {1, 4, 1, 1, 1};
        Approx.close(0.15, quantile(0.5, bounds, counts));
        Approx.close(0.2, quantile(0.75, bounds, counts));
        Approx.close(0.2, quantile(1, bounds, counts));
        Approx.exact(NAN, quantile(0.5, new double[] {INF, INF}, new double[] {0, 0}));
        double[] b = {INF, 3, 1, 2};
        double[] c = {4, 3, 1, 2};
        HistogramQuantiles.sortByBound(b, c, 4);
        assertArrayEquals(new double[] {1, 2, 3, INF}, b);
        assertArrayEquals(new double[] {1, 2, 3, 4}, c);
    }

    @Test
    void sortingALongReversedList() {
        int n = 100;
        double[] b = new double[n];
        double[] c = new double[n];
        for (int i = 0; i < n; i++) {
            b[i] = n - i;
            c[i] = 2 * (n - i);
        }
        HistogramQuantiles.sortByBound(b, c, n);
        for (int i = 0; i < n; i++) {
            assertEquals(i + 1, b[i]);
            assertEquals(2 * (i + 1), c[i]);
        }
    }

    @Test
    void withoutAnInfBucketOrObservationsThereIsNoQuantile() {
        Approx.exact(NAN, quantile(0.5, new double[] {0.1, 0.2}, new double[] {1, 2}));
        Approx.exact(NAN, quantile(0.5, new double[] {0.1, 0.2, INF}, new double[] {0, 0, 0}));
        Approx.exact(NAN, quantile(0.5, new double[] {INF}, new double[] {5}));
        Approx.exact(NAN, HistogramQuantiles.bucketQuantile(0.5, new double[0], new double[0], 0));
    }

    @Test
    void nonMonotonicCountsAreRaised() {
        double[] bounds = {0.1, 1, 10, 100, 1000, INF};
        double[] counts = {20, 10, 50, 40, 90, 80};
        Approx.close(0.0045, quantile(0.01, bounds, counts));
        Approx.close(8.5, quantile(0.5, bounds, counts));
        Approx.close(979.75, quantile(0.99, bounds, counts));
        double[] fixed = counts.clone();
        assertTrue(HistogramQuantiles.ensureMonotonic(bounds.clone(), fixed, fixed.length, null));
        assertArrayEquals(new double[] {20, 20, 50, 50, 90, 90}, fixed);
        HistogramQuantiles.BucketQuantile detailed =
                HistogramQuantiles.bucketQuantileDetailed(
                        0.5, bounds.clone(), counts.clone(), bounds.length);
        assertEquals(new HistogramQuantiles.BucketQuantile(8.5, true, 1, INF, 10), detailed);
        HistogramQuantiles.BucketQuantile clean =
                HistogramQuantiles.bucketQuantileDetailed(
                        0.5, POS_BOUNDS.clone(), POS_COUNTS.clone(), POS_BOUNDS.length);
        assertEquals(
                new HistogramQuantiles.BucketQuantile(
                        0.1 + (0.2 - 0.1) * (10.0 / 20), false, INF, -INF, 0),
                clean);
    }

    @Test
    void tinyDecreasesAreFloatNoiseNotNonMonotonicity() {
        double[] counts = {1, 3, 3 - 1e-15, 5};
        assertFalse(
                HistogramQuantiles.ensureMonotonic(new double[] {1, 2, 3, INF}, counts, 4, null));
        assertArrayEquals(new double[] {1, 3, 3, 5}, counts);
    }

    @Test
    void fractions() {
        double[] pos = {1, 2, 3, INF};
        double[] posCounts = {1, 3, 6, 100};
        double[] neg = {-3, -2, -1, INF};
        double[] negCounts = {10, 12, 15, 100};
        Approx.close(0.02, fraction(0, 1.5, pos, posCounts));
        Approx.close(0.02, fraction(-4, -2, neg, negCounts));
        Approx.close(0.135, fraction(-INF, -1.5, neg, negCounts));
        Approx.close(1, fraction(-INF, INF, pos, posCounts));
        Approx.close(1, fraction(-INF, INF, neg, negCounts));
        Approx.close(0, fraction(4, 5, pos, posCounts));
        Approx.close(0, fraction(0, 1, neg, negCounts));
        Approx.close(0.03, fraction(2, 5, pos, posCounts));
        Approx.close(0.94, fraction(400, INF, pos, posCounts));
        Approx.exact(0, fraction(2, 2, pos, posCounts));
        Approx.exact(0, fraction(3, 2, pos, posCounts));
        Approx.close(0, fraction(0, 1, new double[] {INF}, new double[] {100}));
        Approx.exact(NAN, fraction(0, 5, pos, new double[] {0, 0, 0, 0}));
        Approx.close(0.03, fraction(2, 3.5, pos, posCounts));
        Approx.close(0.025, fraction(0.5, 2, pos, posCounts));
        Approx.close(0.05, fraction(1, 3, pos, posCounts));
        Approx.close(
                0.045,
                fraction(0.1, 0.75, new double[] {0.5, 1, INF}, new double[] {2.5, 7.5, 100}));
        Approx.close(
                0.1,
                fraction(
                        -1,
                        1,
                        new double[] {-2, -1, 0, 1, INF},
                        new double[] {5, 10, 15, 20, 100}));
        Approx.exact(NAN, fraction(NAN, 1, new double[] {1, INF}, new double[] {1, 100}));
        Approx.exact(NAN, fraction(0, NAN, new double[] {1, INF}, new double[] {1, 100}));
        Approx.close(0, fraction(-10, -5, new double[] {1, 2, INF}, new double[] {1, 3, 10}));
        Approx.exact(NAN, fraction(0, 1, new double[] {1, 2}, new double[] {1, 3}));
    }

    @Test
    void fractionsOfEvenlyFilledBuckets() {
        double[] bounds = {0, 2, 4, 6, INF};
        double[] counts = {0, 10, 20, 30, 30};
        Approx.close(0.6666666666666666, fraction(0, 4, bounds, counts));
        Approx.close(1, fraction(0, 6, bounds, counts));
        Approx.close(0.5833333333333334, fraction(0, 3.5, bounds, counts));
        double[] pos3 = {0, 0.1, 0.2, 1, INF};
        Approx.close(
                0.6363636363636364, fraction(0, 0.2, pos3, new double[] {0, 50, 70, 110, 110}));
        double[] neg3 = {-0.25, -0.2, -0.1, 0.3, INF};
        Approx.close(0, fraction(0, 0.2, neg3, new double[] {0, 10, 20, 20, 20}));
    }
}
