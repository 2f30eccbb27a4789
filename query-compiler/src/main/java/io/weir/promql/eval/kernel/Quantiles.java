package io.weir.promql.eval.kernel;

import java.util.Arrays;

/**
 * The φ-quantile of a set of float values, as Prometheus computes it for the {@code quantile}
 * aggregation and {@code quantile_over_time}: values sorted ascending with NaN first, linear
 * interpolation between the two closest ranks.
 */
public final class Quantiles {
    private Quantiles() {}

    /**
     * The {@code q}-quantile of {@code values[0, n)}. Reorders that part of {@code values}. NaN
     * when {@code n == 0} or {@code q} is NaN; -Inf when {@code q < 0}; +Inf when {@code q > 1}.
     */
    public static double quantile(double q, double[] values, int n) {
        if (n == 0 || Double.isNaN(q) || q < 0 || q > 1) {
            return quantileOfSorted(q, values, n);
        }
        sortNaNFirst(values, n);
        return quantileOfSorted(q, values, n);
    }

    /**
     * The {@code q}-quantile of {@code values[0, n)} already in the order {@link #sortNaNFirst}
     * leaves them in.
     */
    static double quantileOfSorted(double q, double[] values, int n) {
        return quantileAfterNaNs(q, 0, values, 0, n);
    }

    /**
     * The {@code q}-quantile of {@code n} values of which the first {@code nans} are NaN and the
     * rest are {@code values[off, off + n - nans)}, ascending.
     */
    static double quantileAfterNaNs(double q, int nans, double[] values, int off, int n) {
        if (n == 0 || Double.isNaN(q)) {
            return Double.NaN;
        }
        if (q < 0) {
            return Double.NEGATIVE_INFINITY;
        }
        if (q > 1) {
            return Double.POSITIVE_INFINITY;
        }
        double rank = q * (n - 1);
        double lower = Math.max(0, Math.floor(rank));
        double upper = Math.min(n - 1, lower + 1);
        double weight = rank - Math.floor(rank);
        int lo = (int) lower;
        int up = (int) upper;
        double a = lo < nans ? Double.NaN : values[off + lo - nans];
        double b = up < nans ? Double.NaN : values[off + up - nans];
        return a * (1 - weight) + b * weight;
    }

    /** The median of {@code values[0, n)}; reorders them. */
    public static double median(double[] values, int n) {
        return quantile(0.5, values, n);
    }

    /**
     * Sorts {@code values[0, n)} ascending with NaNs in front, which is where Prometheus's value
     * ordering (NaN is less than everything) puts them. {@link Arrays#sort(double[], int, int)}
     * puts them last, so they are moved to the front afterwards.
     */
    static void sortNaNFirst(double[] values, int n) {
        Arrays.sort(values, 0, n);
        int nans = 0;
        while (nans < n && Double.isNaN(values[n - 1 - nans])) {
            nans++;
        }
        if (nans > 0 && nans < n) {
            System.arraycopy(values, 0, values, nans, n - nans);
            Arrays.fill(values, 0, nans, Double.NaN);
        }
    }
}
