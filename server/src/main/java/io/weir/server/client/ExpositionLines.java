package io.weir.server.client;

import io.weir.promql.model.Labels;
import java.nio.charset.StandardCharsets;

/**
 * Writes samples as lines of the Prometheus text format 0.0.4 with timestamps in milliseconds, the
 * way {@code POST /api/v1/import} reads them back to the same series, time and value: names that
 * are not legacy metric or label names are quoted ({@code {"my.metric","a.b"="x"}}); label values
 * escape only backslash, double quote and line feed, as the format does. No {@code # TYPE} lines
 * are written, so label values are read as they are (a histogram's {@code le} stays as it was
 * parsed).
 */
public final class ExpositionLines {
    private final StringBuilder sb = new StringBuilder(1 << 16);
    private int lines;

    /** Appends one sample line. */
    public void add(Labels labels, long timeMillis, double value) {
        series(labels);
        sb.append(' ');
        value(value);
        sb.append(' ').append(timeMillis).append('\n');
        lines++;
    }

    /** Lines added since the last {@link #take()}. */
    public int lines() {
        return lines;
    }

    /** The lines added so far as UTF-8, and starts afresh. */
    public byte[] take() {
        byte[] b = sb.toString().getBytes(StandardCharsets.UTF_8);
        sb.setLength(0);
        lines = 0;
        return b;
    }

    private void series(Labels labels) {
        String name = labels.metricName();
        boolean plainName = !name.isEmpty() && Labels.isLegacyMetricName(name);
        if (plainName) {
            sb.append(name);
            if (labels.size() == 1) {
                return;
            }
        }
        sb.append('{');
        boolean first = true;
        if (!plainName && !name.isEmpty()) {
            quoted(name);
            first = false;
        }
        for (int i = 0; i < labels.size(); i++) {
            String n = labels.name(i);
            if (n.equals(Labels.METRIC_NAME) && !name.isEmpty()) {
                continue;
            }
            if (!first) {
                sb.append(',');
            }
            first = false;
            if (Labels.isLegacyLabelName(n)) {
                sb.append(n);
            } else {
                quoted(n);
            }
            sb.append('=');
            quoted(labels.value(i));
        }
        sb.append('}');
    }

    private void quoted(String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '"' -> sb.append("\\\"");
                case '\n' -> sb.append("\\n");
                default -> sb.append(c);
            }
        }
        sb.append('"');
    }

    private void value(double v) {
        if (Double.isNaN(v)) {
            sb.append("NaN");
        } else if (v == Double.POSITIVE_INFINITY) {
            sb.append("+Inf");
        } else if (v == Double.NEGATIVE_INFINITY) {
            sb.append("-Inf");
        } else {
            // Java's shortest round-tripping decimal; the parser reads it back to the same bits.
            sb.append(v);
        }
    }
}
