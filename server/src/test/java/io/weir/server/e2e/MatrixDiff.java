package io.weir.server.e2e;

import io.weir.promql.eval.QueryValue;
import io.weir.promql.model.Labels;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The differences between what the server answered and what the evaluator computes: series present
 * on one side only, steps present on one side only, and values further apart than a relative 1e-9.
 */
final class MatrixDiff {
    static final double RELATIVE = 1e-9;
    private static final int SHOWN = 8;

    private MatrixDiff() {}

    /**
     * The differences, at most a few of them spelled out, empty when none.
     *
     * @param viewName when the query was a view's name: the server's series carry it as {@code
     *     __name__}, which the evaluator's result of the view's query does not have; else null
     */
    static List<String> diff(
            QueryValue.Matrix expected, QueryValue.Matrix actual, String viewName) {
        Map<Labels, QueryValue.Series> want = bySeries(expected, null, new ArrayList<>());
        List<String> out = new ArrayList<>();
        Map<Labels, QueryValue.Series> got = bySeries(actual, viewName, out);
        Set<Labels> all = new TreeSet<>(MatrixDiff::compare);
        all.addAll(want.keySet());
        all.addAll(got.keySet());
        int differences = 0;
        for (Labels l : all) {
            QueryValue.Series w = want.get(l);
            QueryValue.Series g = got.get(l);
            if (w == null || g == null) {
                differences++;
                if (out.size() < SHOWN) {
                    out.add(
                            "series "
                                    + l
                                    + (w == null
                                            ? " from the server only: " + points(g)
                                            : " missing from the server; evaluator: " + points(w)));
                }
                continue;
            }
            Map<Long, Double> wp = pointMap(w);
            Map<Long, Double> gp = pointMap(g);
            Set<Long> steps = new TreeSet<>(wp.keySet());
            steps.addAll(gp.keySet());
            for (long t : steps) {
                Double a = wp.get(t);
                Double b = gp.get(t);
                if (a == null || b == null || !close(a, b)) {
                    differences++;
                    if (out.size() < SHOWN) {
                        out.add(
                                "series "
                                        + l
                                        + " at "
                                        + Instant.ofEpochMilli(t)
                                        + ": evaluator "
                                        + (a == null ? "no sample" : a)
                                        + ", server "
                                        + (b == null ? "no sample" : b));
                    }
                }
            }
        }
        if (differences > out.size()) {
            out.add("... " + differences + " differences in all");
        }
        return out;
    }

    static boolean close(double a, double b) {
        if (Double.isNaN(a) || Double.isNaN(b)) {
            return Double.isNaN(a) && Double.isNaN(b);
        }
        if (a == b) {
            return true;
        }
        return Math.abs(a - b) <= RELATIVE * Math.max(Math.abs(a), Math.abs(b));
    }

    private static Map<Labels, QueryValue.Series> bySeries(
            QueryValue.Matrix m, String viewName, List<String> problems) {
        Map<Labels, QueryValue.Series> map = new LinkedHashMap<>();
        for (QueryValue.Series s : m.series()) {
            Labels l = s.labels();
            if (viewName != null) {
                if (!viewName.equals(l.get(Labels.METRIC_NAME))) {
                    problems.add("series " + l + " is not named " + viewName);
                }
                l = l.withoutMetricName();
            }
            if (map.put(l, s) != null) {
                problems.add("series " + l + " twice");
            }
        }
        return map;
    }

    private static Map<Long, Double> pointMap(QueryValue.Series s) {
        Map<Long, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < s.size(); i++) {
            m.put(s.timestamps()[i], s.values()[i]);
        }
        return m;
    }

    private static String points(QueryValue.Series s) {
        int n = s.size();
        if (n == 0) {
            return "no points";
        }
        return n
                + " points "
                + Instant.ofEpochMilli(s.timestamps()[0])
                + " .. "
                + Instant.ofEpochMilli(s.timestamps()[n - 1])
                + ", first "
                + s.values()[0];
    }

    private static int compare(Labels a, Labels b) {
        return a.toString().compareTo(b.toString());
    }
}
