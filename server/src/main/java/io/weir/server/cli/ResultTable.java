package io.weir.server.cli;

import io.weir.promql.eval.QueryValue;
import io.weir.server.api.PrometheusJson;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints a query result as an aligned table for people: one row per sample, {@code SERIES TIMESTAMP
 * VALUE}. A range result is printed long: each series' points on consecutive rows, the series
 * repeated on every row so that the output can be searched and sorted line by line. Timestamps are
 * RFC 3339 in UTC; values are written as Prometheus writes them.
 */
final class ResultTable {
    private ResultTable() {}

    static void print(QueryValue value, PrintWriter out) {
        List<String[]> rows = new ArrayList<>();
        if (value instanceof QueryValue.Scalar s) {
            rows.add(row("scalar", s.timestampMillis(), formatValue(s.value())));
        } else if (value instanceof QueryValue.StringValue s) {
            rows.add(row("string", s.timestampMillis(), s.value()));
        } else if (value instanceof QueryValue.Vector v) {
            for (QueryValue.Sample s : v.samples()) {
                rows.add(row(s.labels().toString(), s.timestampMillis(), formatValue(s.value())));
            }
        } else if (value instanceof QueryValue.Matrix m) {
            for (QueryValue.Series s : m.series()) {
                String labels = s.labels().toString();
                for (int i = 0; i < s.size(); i++) {
                    rows.add(row(labels, s.timestamps()[i], formatValue(s.values()[i])));
                }
            }
        } else {
            throw new AssertionError("unknown result " + value);
        }
        if (rows.isEmpty()) {
            out.println("empty query result");
            return;
        }
        rows.add(0, new String[] {"SERIES", "TIMESTAMP", "VALUE"});
        int w0 = 0;
        int w1 = 0;
        for (String[] r : rows) {
            w0 = Math.max(w0, r[0].length());
            w1 = Math.max(w1, r[1].length());
        }
        StringBuilder sb = new StringBuilder();
        for (String[] r : rows) {
            sb.setLength(0);
            pad(sb, r[0], w0);
            sb.append("  ");
            pad(sb, r[1], w1);
            sb.append("  ").append(r[2]);
            out.println(sb);
        }
    }

    private static String[] row(String series, long millis, String value) {
        return new String[] {series, Instant.ofEpochMilli(millis).toString(), value};
    }

    /** A value as in Prometheus's API responses, without the quotes. */
    static String formatValue(double v) {
        StringBuilder sb = new StringBuilder(24);
        PrometheusJson.appendSampleText(sb, v);
        return sb.toString();
    }

    private static void pad(StringBuilder sb, String s, int width) {
        sb.append(s);
        for (int i = s.length(); i < width; i++) {
            sb.append(' ');
        }
    }
}
