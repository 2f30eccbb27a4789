package io.weir.server.api;

/**
 * A stable sort of samples by time, over parallel primitive arrays: the job's watermark trails the
 * newest sample time of a partition, so imported samples must reach Kafka in time order, while
 * samples of one time keep the order they were read in (a series' duplicates stay in file order).
 */
public final class TimeOrder {
    private TimeOrder() {}

    /**
     * The indexes {@code 0..size-1} ordered by {@code times[i]}, ties in index order (a bottom-up
     * merge sort; already sorted input takes one pass).
     */
    public static int[] stableOrder(long[] times, int size) {
        int[] a = new int[size];
        for (int i = 0; i < size; i++) {
            a[i] = i;
        }
        if (size < 2 || isSorted(times, size)) {
            return a;
        }
        int[] b = new int[size];
        for (int width = 1; width < size; width *= 2) {
            for (int lo = 0; lo < size; lo += 2 * width) {
                int mid = Math.min(lo + width, size);
                int hi = Math.min(lo + 2 * width, size);
                merge(times, a, b, lo, mid, hi);
            }
            int[] t = a;
            a = b;
            b = t;
        }
        return a;
    }

    private static boolean isSorted(long[] times, int size) {
        for (int i = 1; i < size; i++) {
            if (times[i] < times[i - 1]) {
                return false;
            }
        }
        return true;
    }

    /** Merges {@code from[lo, mid)} and {@code from[mid, hi)} into {@code to[lo, hi)}. */
    private static void merge(long[] times, int[] from, int[] to, int lo, int mid, int hi) {
        int i = lo;
        int j = mid;
        for (int k = lo; k < hi; k++) {
            // Equal times take the left run first: that keeps the sort stable.
            if (j >= hi || (i < mid && times[from[i]] <= times[from[j]])) {
                to[k] = from[i++];
            } else {
                to[k] = from[j++];
            }
        }
    }
}
