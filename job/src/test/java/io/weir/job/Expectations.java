package io.weir.job;

import io.weir.promql.eval.Engine;
import io.weir.promql.eval.MemorySampleStore;
import io.weir.promql.eval.QueryValue;
import io.weir.promql.model.Labels;
import io.weir.promql.model.StaleNaN;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The corpus of views and what the evaluator says they are, step by step. */
final class Expectations {
    private Expectations() {}

    /** One corpus line. */
    record View(String name, long stepMillis, String query) {}

    /** The views of {@code corpus/views.promql}, named v1, v2, ... in file order. */
    static List<View> corpus() throws Exception {
        List<View> views = new ArrayList<>();
        try (InputStream in = Expectations.class.getResourceAsStream("/corpus/views.promql");
                BufferedReader r =
                        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                int bar = line.indexOf('|');
                views.add(
                        new View(
                                "v" + (views.size() + 1),
                                seconds(line.substring(0, bar).strip()) * 1_000,
                                line.substring(bar + 1).strip()));
            }
        }
        return views;
    }

    private static long seconds(String d) {
        long n = Long.parseLong(d.substring(0, d.length() - 1));
        return d.endsWith("m") ? n * 60 : n;
    }

    /**
     * The evaluator's range query of a view over {@code [start, end]}, point by point, and a
     * staleness marker at every step where a series present at the step before is absent.
     */
    static void expect(
            Map<String, Double> expected,
            Engine engine,
            MemorySampleStore store,
            View v,
            long start,
            long end) {
        QueryValue.Matrix m = engine.rangeQuery(store, v.query(), start, end, v.stepMillis());
        for (QueryValue.Series s : m.series()) {
            Map<Long, Double> points = new HashMap<>();
            for (int i = 0; i < s.size(); i++) {
                points.put(s.timestamps()[i], s.values()[i]);
                expected.put(key(v.name(), s.labels(), s.timestamps()[i]), s.values()[i]);
            }
            for (long t = start + v.stepMillis(); t <= end; t += v.stepMillis()) {
                if (points.containsKey(t - v.stepMillis()) && !points.containsKey(t)) {
                    expected.put(key(v.name(), s.labels(), t), StaleNaN.VALUE);
                }
            }
        }
    }

    /** Equal within a relative 1e-9; NaN equals NaN, and a staleness marker only a marker. */
    static boolean close(double want, double got) {
        if (StaleNaN.isStale(want) || StaleNaN.isStale(got)) {
            return StaleNaN.isStale(want) && StaleNaN.isStale(got);
        }
        if (Double.isNaN(want) || Double.isNaN(got)) {
            return Double.isNaN(want) && Double.isNaN(got);
        }
        if (want == got) {
            return true;
        }
        return Math.abs(want - got) <= 1e-9 * Math.max(Math.abs(want), Math.abs(got));
    }

    static String key(String view, Labels labels, long step) {
        return view + " " + labels + " @" + step;
    }
}
