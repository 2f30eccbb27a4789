package io.weir.promql.eval;

import io.weir.promql.model.Labels;
import io.weir.promql.model.StaleNaN;
import java.util.Arrays;

/**
 * One series of the {@link MemorySampleStore}: timestamps and values in parallel primitive arrays.
 * Out-of-order appends are accepted and sorted lazily on the next read, so that loading in any
 * order costs one sort, not one shift per sample.
 */
final class MemorySeries implements SampleStore.StoredSeries {
    private final Labels labels;
    private long[] ts = new long[16];
    private double[] vals = new double[16];
    private int size;
    private boolean sorted = true;

    /** Whether a staleness marker was ever appended: range selectors skip their scan when not. */
    private boolean staleMarkers;

    MemorySeries(Labels labels) {
        this.labels = labels;
    }

    @Override
    public Labels labels() {
        return labels;
    }

    synchronized void appendAll(long[] t, double[] v, int count) {
        int need = size + count;
        if (need > ts.length) {
            ts = Arrays.copyOf(ts, need);
            vals = Arrays.copyOf(vals, need);
        }
        for (int i = 0; i < count; i++) {
            append(t[i], v[i]);
        }
    }

    synchronized void append(long t, double v) {
        if (StaleNaN.isStale(v)) {
            staleMarkers = true;
        }
        if (size > 0 && sorted) {
            long last = ts[size - 1];
            if (t == last) {
                vals[size - 1] = v;
                return;
            }
            if (t < last) {
                sorted = false;
            }
        }
        if (size == ts.length) {
            int cap = size + Math.max(16, size >> 1);
            ts = Arrays.copyOf(ts, cap);
            vals = Arrays.copyOf(vals, cap);
        }
        ts[size] = t;
        vals[size] = v;
        size++;
    }

    /**
     * False when no sample read from this series can be a staleness marker; true when one may be.
     */
    synchronized boolean mayHoldStaleMarkers() {
        return staleMarkers;
    }

    /** Shrinks the arrays to the samples held (after a bulk load). */
    synchronized void compact() {
        if (!sorted) {
            sort();
        }
        if (ts.length > size) {
            ts = Arrays.copyOf(ts, size);
            vals = Arrays.copyOf(vals, size);
        }
    }

    @Override
    public synchronized SampleChunk read(long minTime, long maxTime) {
        if (!sorted) {
            sort();
        }
        int from = lowerBound(ts, 0, size, minTime);
        int to = maxTime == Long.MAX_VALUE ? size : lowerBound(ts, from, size, maxTime + 1);
        return new SampleChunk(ts, vals, from, to);
    }

    /**
     * Sorts by time into new arrays (readers may hold views of the old ones); for equal times the
     * sample appended last wins.
     */
    private void sort() {
        int[] idx = new int[size];
        for (int i = 0; i < size; i++) {
            idx[i] = i;
        }
        int[] tmp = new int[size];
        mergeSort(idx, tmp, 0, size);
        long[] nts = new long[Math.max(16, size)];
        double[] nvals = new double[nts.length];
        int n = 0;
        for (int i = 0; i < size; i++) {
            int k = idx[i];
            if (n > 0 && nts[n - 1] == ts[k]) {
                nvals[n - 1] = vals[k];
            } else {
                nts[n] = ts[k];
                nvals[n] = vals[k];
                n++;
            }
        }
        ts = nts;
        vals = nvals;
        size = n;
        sorted = true;
    }

    /** Stable merge sort of indices by timestamp. */
    private void mergeSort(int[] idx, int[] tmp, int lo, int hi) {
        if (hi - lo < 2) {
            return;
        }
        int mid = (lo + hi) >>> 1;
        mergeSort(idx, tmp, lo, mid);
        mergeSort(idx, tmp, mid, hi);
        if (ts[idx[mid - 1]] <= ts[idx[mid]]) {
            return;
        }
        int i = lo;
        int j = mid;
        int k = lo;
        while (i < mid && j < hi) {
            tmp[k++] = ts[idx[j]] < ts[idx[i]] ? idx[j++] : idx[i++];
        }
        while (i < mid) {
            tmp[k++] = idx[i++];
        }
        while (j < hi) {
            tmp[k++] = idx[j++];
        }
        System.arraycopy(tmp, lo, idx, lo, hi - lo);
    }

    /** The first index in {@code [lo, hi)} whose time is {@code >= t}. */
    static int lowerBound(long[] a, int lo, int hi, long t) {
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
