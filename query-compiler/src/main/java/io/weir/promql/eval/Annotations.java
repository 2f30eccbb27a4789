package io.weir.promql.eval;

import io.weir.promql.ast.PositionRange;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The warnings and infos of one query (Prometheus's annotations): not errors, reported next to the
 * result. Equal messages are reported once. Thread-safe, since operators run in parallel.
 */
final class Annotations {
    private enum Kind {
        WARNING,
        INFO
    }

    private record Entry(Kind kind, PositionRange pos) {}

    private final Map<String, Entry> entries = new LinkedHashMap<>();

    synchronized void warn(String detail, PositionRange pos) {
        entries.put("PromQL warning: " + detail, new Entry(Kind.WARNING, pos));
    }

    synchronized void info(String detail, PositionRange pos) {
        entries.put("PromQL info: " + detail, new Entry(Kind.INFO, pos));
    }

    List<String> warnings(String query) {
        return list(Kind.WARNING, query);
    }

    List<String> infos(String query) {
        return list(Kind.INFO, query);
    }

    /** Messages end with the position of the part of the query they concern, when known. */
    private synchronized List<String> list(Kind kind, String query) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, Entry> e : entries.entrySet()) {
            if (e.getValue().kind() != kind) {
                continue;
            }
            PositionRange pos = e.getValue().pos();
            if (query == null || pos == null || !pos.isKnown()) {
                out.add(e.getKey());
            } else {
                out.add(e.getKey() + " (" + pos.lineColumn(query) + ")");
            }
        }
        return out;
    }

    /** Go's %q of a string, as the messages quote metric names and label values. */
    static String quoted(String s) {
        StringBuilder sb = new StringBuilder();
        io.weir.promql.model.Labels.quote(sb, s);
        return sb.toString();
    }

    /** The invalid-quantile warning, when {@code q} is outside [0, 1]. */
    void checkQuantile(double q, PositionRange pos) {
        if (Double.isNaN(q) || q < 0 || q > 1) {
            warn("quantile value should be between 0 and 1, got " + GoFloat.formatG(q), pos);
        }
    }
}
