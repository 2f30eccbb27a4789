package io.weir.server.cache;

import io.weir.promql.eval.QueryValue;
import io.weir.promql.model.Labels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

/**
 * Range-query results cut at and joined along time: what the results cache and view matching do.
 */
public final class Matrices {
    private Matrices() {}

    /**
     * Joins results of one query over consecutive, disjoint time ranges, given in time order: each
     * series' points are concatenated; series are sorted by labels, as a range query's are.
     */
    public static QueryValue.Matrix concat(List<QueryValue.Matrix> parts) {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        TreeMap<Labels, List<QueryValue.Series>> bySeries = new TreeMap<>();
        for (QueryValue.Matrix m : parts) {
            for (QueryValue.Series s : m.series()) {
                bySeries.computeIfAbsent(s.labels(), k -> new ArrayList<>(parts.size())).add(s);
            }
        }
        List<QueryValue.Series> out = new ArrayList<>(bySeries.size());
        for (var e : bySeries.entrySet()) {
            List<QueryValue.Series> pieces = e.getValue();
            if (pieces.size() == 1) {
                out.add(pieces.get(0));
                continue;
            }
            int n = 0;
            for (QueryValue.Series s : pieces) {
                n += s.size();
            }
            long[] ts = new long[n];
            double[] vs = new double[n];
            int at = 0;
            for (QueryValue.Series s : pieces) {
                System.arraycopy(s.timestamps(), 0, ts, at, s.size());
                System.arraycopy(s.values(), 0, vs, at, s.size());
                at += s.size();
            }
            out.add(new QueryValue.Series(e.getKey(), ts, vs));
        }
        return new QueryValue.Matrix(out);
    }

    /** The points with {@code from <= t <= to}; series left without points are left out. */
    public static QueryValue.Matrix slice(QueryValue.Matrix m, long from, long to) {
        List<QueryValue.Series> out = new ArrayList<>(m.series().size());
        for (QueryValue.Series s : m.series()) {
            long[] ts = s.timestamps();
            int a = lowerBound(ts, from);
            int b = lowerBound(ts, to + 1);
            if (a == 0 && b == ts.length) {
                out.add(s);
            } else if (b > a) {
                out.add(
                        new QueryValue.Series(
                                s.labels(),
                                Arrays.copyOfRange(ts, a, b),
                                Arrays.copyOfRange(s.values(), a, b)));
            }
        }
        return new QueryValue.Matrix(out);
    }

    private static int lowerBound(long[] a, long t) {
        int lo = 0;
        int hi = a.length;
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

    /** An estimate of the heap a matrix takes, for the cache's bound. */
    public static long bytes(QueryValue.Matrix m) {
        long n = 64;
        for (QueryValue.Series s : m.series()) {
            n += 96 + 16L * s.size();
            Labels l = s.labels();
            for (int i = 0; i < l.size(); i++) {
                n += 48 + 2L * (l.name(i).length() + l.value(i).length());
            }
        }
        return n;
    }
}
