package io.weir.server.http;

import io.weir.promql.model.Labels;
import java.util.List;

/**
 * The JSON of the non-query endpoints, written as Prometheus's encoder (jsoniter compatible with
 * Go's encoding/json) writes strings: HTML-safe, with {@code < > &} and U+2028/U+2029 escaped.
 */
final class Json {
    private Json() {}

    /** {@code {"status":"success","data":<data>}}. */
    static String success(String data) {
        return "{\"status\":\"success\",\"data\":" + data + "}";
    }

    /** As {@link #success(String)}, with a {@code warnings} member when there are any. */
    static String success(String data, List<String> warnings) {
        if (warnings.isEmpty()) {
            return success(data);
        }
        return "{\"status\":\"success\",\"data\":"
                + data
                + ",\"warnings\":"
                + stringArray(warnings)
                + "}";
    }

    static String stringArray(List<String> strings) {
        StringBuilder sb = new StringBuilder(16 + strings.size() * 16);
        sb.append('[');
        for (int i = 0; i < strings.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            string(sb, strings.get(i));
        }
        return sb.append(']').toString();
    }

    /** A label set as the object Go's encoder writes for a map: keys sorted, as labels are. */
    static void labels(StringBuilder sb, Labels labels) {
        sb.append('{');
        for (int i = 0; i < labels.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            string(sb, labels.name(i));
            sb.append(':');
            string(sb, labels.value(i));
        }
        sb.append('}');
    }

    static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c == '<' || c == '>' || c == '&') {
                        hex(sb, c);
                    } else if (c == '\u2028' || c == '\u2029') {
                        hex(sb, c);
                    } else if (Character.isHighSurrogate(c)
                            && i + 1 < s.length()
                            && Character.isLowSurrogate(s.charAt(i + 1))) {
                        sb.append(c).append(s.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        // Go replaces invalid UTF-8; a lone surrogate is Java's equivalent.
                        sb.append("\\ufffd");
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    private static void hex(StringBuilder sb, char c) {
        sb.append("\\u");
        String h = Integer.toHexString(c);
        for (int k = h.length(); k < 4; k++) {
            sb.append('0');
        }
        sb.append(h);
    }
}
