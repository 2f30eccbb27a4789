package io.weir.server.api;

import io.weir.promql.eval.QueryValue;
import io.weir.promql.model.GoFloatFormat;
import io.weir.promql.model.Labels;
import java.util.List;

/**
 * Writes the JSON bodies of Prometheus's query API byte for byte as Prometheus 3 does, so that
 * clients (Grafana, promtool, scripts comparing outputs) cannot tell Weir from Prometheus.
 *
 * <p>The details that matter, all taken from Prometheus's encoders:
 *
 * <ul>
 *   <li>sample timestamps are seconds with up to three decimals ({@code 1435781451.781}), written
 *       from the integer milliseconds;
 *   <li>sample values are strings in Go's shortest form, {@code 'f'} style unless the magnitude is
 *       below 1e-6 or at least 1e21, where Go's {@code 'e'} style is used ({@code "1e-07"}), and
 *       {@code "+Inf"}, {@code "-Inf"}, {@code "NaN"};
 *   <li>a scalar's value is always in {@code 'f'} style ({@code "0.0000001"}), and scalar and
 *       string results are {@code [seconds, "value"]} pairs whose time is a JSON float;
 *   <li>labels appear in their sorted order and are escaped minimally (no HTML escaping), while
 *       error messages, warnings and string results get Go's HTML-safe escaping;
 *   <li>{@code warnings} and {@code infos} are left out when empty; the body has no trailing
 *       newline.
 * </ul>
 */
public final class PrometheusJson {
    private PrometheusJson() {}

    /** The body of a successful {@code /api/v1/query} or {@code /api/v1/query_range}. */
    public static String querySuccess(QueryValue value) {
        return querySuccess(value, List.of(), List.of());
    }

    /** As {@link #querySuccess(QueryValue)}, with the query's warnings and infos. */
    public static String querySuccess(QueryValue value, List<String> warnings, List<String> infos) {
        return querySuccess(value, warnings, infos, null);
    }

    /**
     * As {@link #querySuccess(QueryValue, List, List)}, with {@code "explain":<explainJson>} in the
     * data when {@code explainJson} is not null.
     */
    public static String querySuccess(
            QueryValue value, List<String> warnings, List<String> infos, String explainJson) {
        StringBuilder sb = new StringBuilder(256);
        sb.append("{\"status\":\"success\",\"data\":{\"resultType\":\"")
                .append(resultType(value))
                .append("\",\"result\":");
        appendResult(sb, value);
        if (explainJson != null) {
            sb.append(",\"explain\":").append(explainJson);
        }
        sb.append('}');
        appendStrings(sb, "warnings", warnings);
        appendStrings(sb, "infos", infos);
        sb.append('}');
        return sb.toString();
    }

    /**
     * The body of a failed request, e.g. {@code error("bad_data", "1:5: parse error: ...")}.
     *
     * @param errorType one of Prometheus's error types: {@code bad_data}, {@code execution}, {@code
     *     timeout}, {@code canceled}, {@code internal}, {@code unavailable}, {@code not_found},
     *     {@code not_acceptable}
     */
    public static String error(String errorType, String message) {
        StringBuilder sb = new StringBuilder(64 + message.length());
        sb.append("{\"status\":\"error\",\"errorType\":");
        appendHtmlSafeString(sb, errorType, false);
        sb.append(",\"error\":");
        appendHtmlSafeString(sb, message, false);
        sb.append('}');
        return sb.toString();
    }

    /** Prometheus's name of a result type: {@code scalar}, {@code string}, {@code vector}, ... */
    public static String resultType(QueryValue value) {
        if (value instanceof QueryValue.Scalar) {
            return "scalar";
        } else if (value instanceof QueryValue.StringValue) {
            return "string";
        } else if (value instanceof QueryValue.Vector) {
            return "vector";
        } else if (value instanceof QueryValue.Matrix) {
            return "matrix";
        }
        throw new AssertionError("unknown result " + value);
    }

    /** Appends the {@code result} member's value. */
    public static void appendResult(StringBuilder sb, QueryValue value) {
        if (value instanceof QueryValue.Scalar s) {
            sb.append('[');
            appendFloatSeconds(sb, s.timestampMillis());
            sb.append(",\"");
            GoFloatFormat.appendF(sb, s.value());
            sb.append("\"]");
        } else if (value instanceof QueryValue.StringValue s) {
            sb.append('[');
            appendFloatSeconds(sb, s.timestampMillis());
            sb.append(',');
            appendHtmlSafeString(sb, s.value(), true);
            sb.append(']');
        } else if (value instanceof QueryValue.Vector v) {
            sb.append('[');
            List<QueryValue.Sample> samples = v.samples();
            for (int i = 0; i < samples.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                QueryValue.Sample s = samples.get(i);
                sb.append("{\"metric\":");
                appendLabels(sb, s.labels());
                sb.append(",\"value\":");
                appendPoint(sb, s.timestampMillis(), s.value());
                sb.append('}');
            }
            sb.append(']');
        } else if (value instanceof QueryValue.Matrix m) {
            sb.append('[');
            List<QueryValue.Series> series = m.series();
            for (int i = 0; i < series.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                appendSeries(sb, series.get(i));
            }
            sb.append(']');
        } else {
            throw new AssertionError("unknown result " + value);
        }
    }

    private static void appendSeries(StringBuilder sb, QueryValue.Series s) {
        sb.append("{\"metric\":");
        appendLabels(sb, s.labels());
        long[] ts = s.timestamps();
        double[] vs = s.values();
        if (ts.length > 0) {
            // Prometheus omits "values" for a series without float points.
            sb.append(",\"values\":[");
            for (int j = 0; j < ts.length; j++) {
                if (j > 0) {
                    sb.append(',');
                }
                appendPoint(sb, ts[j], vs[j]);
            }
            sb.append(']');
        }
        sb.append('}');
    }

    /** {@code [1435781451.781,"1.5"]}. */
    public static void appendPoint(StringBuilder sb, long timestampMillis, double value) {
        sb.append('[');
        appendTimestamp(sb, timestampMillis);
        sb.append(',');
        appendSampleValue(sb, value);
        sb.append(']');
    }

    /** Milliseconds as seconds with up to three decimals, trailing zeros kept as Prometheus. */
    public static void appendTimestamp(StringBuilder sb, long millis) {
        long t = millis;
        if (t < 0) {
            sb.append('-');
            t = -t;
        }
        sb.append(t / 1000);
        long fraction = t % 1000;
        if (fraction != 0) {
            sb.append('.');
            if (fraction < 100) {
                sb.append('0');
            }
            if (fraction < 10) {
                sb.append('0');
            }
            sb.append(fraction);
        }
    }

    /** A sample value as a JSON string, as Prometheus's {@code jsonutil.MarshalFloat}. */
    public static void appendSampleValue(StringBuilder sb, double v) {
        sb.append('"');
        appendSampleText(sb, v);
        sb.append('"');
    }

    /** A sample value as Prometheus's API writes it, without the quotes. */
    public static void appendSampleText(StringBuilder sb, double v) {
        double abs = Math.abs(v);
        if (abs != 0 && (abs < 1e-6 || abs >= 1e21) && !Double.isInfinite(v)) {
            GoFloatFormat.appendE(sb, v);
        } else {
            GoFloatFormat.appendF(sb, v);
        }
    }

    /** {@code float64(ms)/1000} as Go's encoding/json writes a float64. */
    private static void appendFloatSeconds(StringBuilder sb, long millis) {
        double v = millis / 1000.0;
        double abs = Math.abs(v);
        if (abs != 0 && (abs < 1e-6 || abs >= 1e21)) {
            String e = GoFloatFormat.formatE(v);
            int n = e.length();
            // encoding/json shortens a two-digit negative exponent: 1e-07 becomes 1e-7.
            if (n >= 4
                    && e.charAt(n - 4) == 'e'
                    && e.charAt(n - 3) == '-'
                    && e.charAt(n - 2) == '0') {
                e = e.substring(0, n - 2) + e.charAt(n - 1);
            }
            sb.append(e);
        } else {
            GoFloatFormat.appendF(sb, v);
        }
    }

    /** A label set as a JSON object in label order. */
    public static void appendLabels(StringBuilder sb, Labels labels) {
        sb.append('{');
        for (int i = 0; i < labels.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            appendPlainString(sb, labels.name(i));
            sb.append(':');
            appendPlainString(sb, labels.value(i));
        }
        sb.append('}');
    }

    private static void appendStrings(StringBuilder sb, String field, List<String> values) {
        if (values.isEmpty()) {
            return;
        }
        sb.append(",\"").append(field).append("\":[");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            appendHtmlSafeString(sb, values.get(i), false);
        }
        sb.append(']');
    }

    /**
     * A JSON string as jsoniter's {@code Stream.WriteString} writes label names and values: only
     * quote, backslash and control characters are escaped.
     */
    static void appendPlainString(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') {
                sb.append(c);
            } else {
                appendControlOrQuote(sb, c, false);
            }
        }
        sb.append('"');
    }

    /**
     * A JSON string as Go's encoders write strings with HTML escaping: also {@code < > &}, U+2028,
     * U+2029 are escaped and invalid text becomes U+FFFD. Go's encoding/json (used for string
     * results) writes backspace and form feed as {@code \b} and {@code \f}; jsoniter (used for
     * messages) writes them as {@code \u0008} and {@code \u000c}.
     */
    static void appendHtmlSafeString(StringBuilder sb, String s, boolean stdlib) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\') {
                appendControlOrQuote(sb, c, stdlib);
            } else if (c == '<' || c == '>' || c == '&') {
                sb.append("\\u00")
                        .append(Character.forDigit(c >> 4, 16))
                        .append(Character.forDigit(c & 0xf, 16));
            } else if (c == '\u2028' || c == '\u2029') {
                sb.append("\\u202").append(c == '\u2028' ? '8' : '9');
            } else if (Character.isHighSurrogate(c)
                    && i + 1 < s.length()
                    && Character.isLowSurrogate(s.charAt(i + 1))) {
                sb.append(c).append(s.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                sb.append("\\ufffd");
            } else {
                sb.append(c);
            }
        }
        sb.append('"');
    }

    private static void appendControlOrQuote(StringBuilder sb, char c, boolean stdlib) {
        switch (c) {
            case '"' -> sb.append("\\\"");
            case '\\' -> sb.append("\\\\");
            case '\n' -> sb.append("\\n");
            case '\r' -> sb.append("\\r");
            case '\t' -> sb.append("\\t");
            case '\b' -> sb.append(stdlib ? "\\b" : "\\u0008");
            case '\f' -> sb.append(stdlib ? "\\f" : "\\u000c");
            default ->
                    sb.append("\\u00")
                            .append(Character.forDigit(c >> 4, 16))
                            .append(Character.forDigit(c & 0xf, 16));
        }
    }
}
