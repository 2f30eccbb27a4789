package io.weir.promql.eval.kernel;

/**
 * {@code histogram_quantile} and {@code histogram_fraction} over a classic histogram: the
 * cumulative {@code _bucket} series of one histogram given as parallel arrays of upper bounds
 * ({@code le}) and counts. Both methods work in place as Prometheus does on its bucket list: they
 * sort the arrays by bound, merge equal bounds into the front, and ({@code bucketQuantile}) raise
 * decreasing counts, so pass copies when the arrays are needed again (for example for a second
 * quantile of the same histogram).
 */
public final class HistogramQuantiles {
    /** Counts closer than this (relatively) are treated as equal, hiding float noise. */
    private static final double SMALL_DELTA_TOLERANCE = 1e-12;

    private HistogramQuantiles() {}

    /**
     * The {@code q}-quantile estimated from {@code n} cumulative buckets, interpolating linearly
     * inside the bucket that holds the rank. NaN without a {@code +Inf} bucket, with fewer than two
     * distinct bounds, or with no observations; -Inf for {@code q < 0}, +Inf for {@code q > 1}, NaN
     * for a NaN {@code q}. Counts that decrease with the bound are raised to keep the histogram
     * monotonic. A rank in the lowest bucket interpolates from 0 unless that bucket's bound is not
     * positive (then the bound itself is the answer); a rank in the {@code +Inf} bucket yields the
     * highest finite bound.
     */
    public static double bucketQuantile(double q, double[] upperBounds, double[] counts, int n) {
        return quantile(q, upperBounds, counts, n, null);
    }

    /**
     * What {@link #bucketQuantile} computed, and whether (and where) it had to raise decreasing
     * counts, which Prometheus reports as an info annotation ("input to histogram_quantile needed
     * to be fixed for monotonicity").
     *
     * @param minBucket the lowest bound whose count was raised (+Inf when none was)
     * @param maxBucket the highest bound whose count was raised (-Inf when none was)
     * @param maxDiff the largest amount a count was raised by
     */
    public record BucketQuantile(
            double value,
            boolean forcedMonotonic,
            double minBucket,
            double maxBucket,
            double maxDiff) {}

    /** {@link #bucketQuantile}, also reporting the monotonicity fix (allocates the result). */
    public static BucketQuantile bucketQuantileDetailed(
            double q, double[] upperBounds, double[] counts, int n) {
        MonotonicityFix fix = new MonotonicityFix();
        double value = quantile(q, upperBounds, counts, n, fix);
        return new BucketQuantile(value, fix.forced, fix.minBucket, fix.maxBucket, fix.maxDiff);
    }

    /** Where counts were raised; filled in by {@link #ensureMonotonic} when asked for. */
    private static final class MonotonicityFix {
        boolean forced;
        double minBucket = Double.POSITIVE_INFINITY;
        double maxBucket = Double.NEGATIVE_INFINITY;
        double maxDiff;
    }

    private static double quantile(
            double q, double[] upperBounds, double[] counts, int n, MonotonicityFix fix) {
        if (Double.isNaN(q)) {
            return Double.NaN;
        }
        if (q < 0) {
            return Double.NEGATIVE_INFINITY;
        }
        if (q > 1) {
            return Double.POSITIVE_INFINITY;
        }
        if (n == 0) {
            return Double.NaN;
        }
        sortByBound(upperBounds, counts, n);
        if (upperBounds[n - 1] != Double.POSITIVE_INFINITY) {
            return Double.NaN;
        }
        n = coalesce(upperBounds, counts, n);
        ensureMonotonic(upperBounds, counts, n, fix);
        if (n < 2) {
            return Double.NaN;
        }
        double observations = counts[n - 1];
        if (observations == 0) {
            return Double.NaN;
        }
        double rank = q * observations;
        // The first bucket (the +Inf one excluded) whose cumulative count reaches the rank,
        // found by the same binary search as Prometheus's (which matters only for NaN counts).
        int b = 0;
        int hi = n - 1;
        while (b < hi) {
            int mid = (b + hi) >>> 1;
            if (!(counts[mid] >= rank)) {
                b = mid + 1;
            } else {
                hi = mid;
            }
        }
        if (b == n - 1) {
            return upperBounds[n - 2];
        }
        if (b == 0 && upperBounds[0] <= 0) {
            return upperBounds[0];
        }
        double bucketStart = 0;
        double bucketEnd = upperBounds[b];
        double count = counts[b];
        if (b > 0) {
            bucketStart = upperBounds[b - 1];
            count -= counts[b - 1];
            rank -= counts[b - 1];
        }
        return bucketStart + (bucketEnd - bucketStart) * (rank / count);
    }

    /**
     * {@code histogram_fraction(lower, upper, ...)}: the estimated fraction of observations between
     * {@code lower} and {@code upper}, interpolating linearly inside buckets. The lowest bucket
     * starts at 0 if its bound is positive, else at -Inf (and then counts wholly). NaN without a
     * {@code +Inf} bucket, with no observations, or for a NaN bound; 0 when {@code lower >= upper}.
     */
    public static double bucketFraction(
            double lower, double upper, double[] upperBounds, double[] counts, int n) {
        if (n == 0) {
            return Double.NaN;
        }
        sortByBound(upperBounds, counts, n);
        if (upperBounds[n - 1] != Double.POSITIVE_INFINITY) {
            return Double.NaN;
        }
        n = coalesce(upperBounds, counts, n);
        double count = counts[n - 1];
        if (count == 0 || Double.isNaN(lower) || Double.isNaN(upper)) {
            return Double.NaN;
        }
        if (lower >= upper) {
            return 0;
        }
        double rank = 0;
        double lowerRank = 0;
        double upperRank = 0;
        boolean lowerSet = false;
        boolean upperSet = false;
        double lowerBound = upperBounds[0] <= 0 ? Double.NEGATIVE_INFINITY : 0;
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                lowerBound = upperBounds[i - 1];
            }
            double upperBound = upperBounds[i];
            if (!lowerSet && lowerBound >= lower) {
                lowerRank = rank;
                lowerSet = true;
            }
            if (!upperSet && lowerBound >= upper) {
                upperRank = rank;
                upperSet = true;
            }
            if (lowerSet && upperSet) {
                break;
            }
            if (!lowerSet && lowerBound < lower && upperBound > lower) {
                lowerRank = interpolate(lower, rank, counts[i], lowerBound, upperBound);
                lowerSet = true;
            }
            if (!upperSet && lowerBound < upper && upperBound > upper) {
                upperRank = interpolate(upper, rank, counts[i], lowerBound, upperBound);
                upperSet = true;
            }
            if (lowerSet && upperSet) {
                break;
            }
            rank = counts[i];
        }
        if (!lowerSet || lowerRank > count) {
            lowerRank = count;
        }
        if (!upperSet || upperRank > count) {
            upperRank = count;
        }
        return (upperRank - lowerRank) / count;
    }

    /** The cumulative count at {@code v} inside a bucket; a bucket open to -Inf counts whole. */
    private static double interpolate(
            double v, double rankBefore, double bucketCount, double lowerBound, double upperBound) {
        if (lowerBound == Double.NEGATIVE_INFINITY) {
            return bucketCount;
        }
        return rankBefore
                + (bucketCount - rankBefore) * (v - lowerBound) / (upperBound - lowerBound);
    }

    /** Sorts both arrays by bound (a heap sort: no allocation, and usually already sorted). */
    static void sortByBound(double[] bounds, double[] counts, int n) {
        boolean sorted = true;
        for (int i = 1; i < n && sorted; i++) {
            sorted = !(bounds[i] < bounds[i - 1]);
        }
        if (sorted) {
            return;
        }
        for (int i = n / 2 - 1; i >= 0; i--) {
            siftDown(bounds, counts, i, n);
        }
        for (int end = n - 1; end > 0; end--) {
            swap(bounds, counts, 0, end);
            siftDown(bounds, counts, 0, end);
        }
    }

    private static void siftDown(double[] bounds, double[] counts, int root, int end) {
        while (true) {
            int child = 2 * root + 1;
            if (child >= end) {
                return;
            }
            if (child + 1 < end && bounds[child] < bounds[child + 1]) {
                child++;
            }
            if (!(bounds[root] < bounds[child])) {
                return;
            }
            swap(bounds, counts, root, child);
            root = child;
        }
    }

    private static void swap(double[] bounds, double[] counts, int i, int j) {
        double b = bounds[i];
        bounds[i] = bounds[j];
        bounds[j] = b;
        double c = counts[i];
        counts[i] = counts[j];
        counts[j] = c;
    }

    /** Merges buckets with equal bounds by adding their counts; returns the new length. */
    static int coalesce(double[] bounds, double[] counts, int n) {
        int out = 0;
        for (int i = 1; i < n; i++) {
            if (bounds[i] == bounds[out]) {
                counts[out] += counts[i];
            } else {
                out++;
                bounds[out] = bounds[i];
                counts[out] = counts[i];
            }
        }
        return out + 1;
    }

    /**
     * Makes the cumulative counts non-decreasing: a count nearly equal to the one before takes its
     * value (float noise), and a count below it is raised to it (buckets scraped at slightly
     * different moments).
     *
     * @return true when a count had to be raised (Prometheus reports that as an info annotation)
     */
    static boolean ensureMonotonic(double[] bounds, double[] counts, int n, MonotonicityFix fix) {
        boolean forced = false;
        double prev = counts[0];
        for (int i = 1; i < n; i++) {
            double curr = counts[i];
            if (curr == prev) {
                continue;
            }
            if (almostEqual(prev, curr, SMALL_DELTA_TOLERANCE)) {
                counts[i] = prev;
                continue;
            }
            if (curr < prev) {
                counts[i] = prev;
                forced = true;
                if (fix != null) {
                    fix.forced = true;
                    fix.minBucket = Math.min(fix.minBucket, bounds[i]);
                    fix.maxBucket = Math.max(fix.maxBucket, bounds[i]);
                    fix.maxDiff = Math.max(fix.maxDiff, prev - curr);
                }
                continue;
            }
            prev = curr;
        }
        return forced;
    }

    /** Relative comparison with a floor at the smallest normal double, NaN equal to NaN. */
    static boolean almostEqual(double a, double b, double epsilon) {
        if (Double.isNaN(a) && Double.isNaN(b)) {
            return true;
        }
        if (a == b) {
            return true;
        }
        double absSum = Math.abs(a) + Math.abs(b);
        double diff = Math.abs(a - b);
        if (a == 0 || b == 0 || absSum < Double.MIN_NORMAL) {
            return diff < epsilon * Double.MIN_NORMAL;
        }
        return diff / Math.min(absSum, Double.MAX_VALUE) < epsilon;
    }
}
