package io.weir.connectors.text;

import io.weir.promql.model.GoFloatFormat;
import io.weir.promql.model.Labels;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Parses the series part of a sample line, {@code name{l="v",...}} or {@code {"utf8.name",
 * "a.b"="v"}}, into {@link Labels}. Escapes in quoted strings are those of Prometheus's parsers:
 * {@code \\}, {@code \"} and {@code \n}; any other backslash stays as written.
 */
final class SeriesTextParser {
    /** No label value is rewritten. */
    static final byte NORMALIZE_NONE = 0;

    /** After {@code # TYPE x histogram}: {@code le} values are rewritten as Prometheus 3 does. */
    static final byte NORMALIZE_LE = 1;

    /** After {@code # TYPE x summary}: {@code quantile} values are rewritten likewise. */
    static final byte NORMALIZE_QUANTILE = 2;

    private final CharsetDecoder utf8 =
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final StringBuilder scratch = new StringBuilder();
    private int pos;

    /** Parses {@code b[from, to)}, which the caller found to end right after the series. */
    Labels parse(byte[] b, int from, int to, byte normalize) throws LineError {
        String name = null;
        List<String> pairs = new ArrayList<>();
        int p = from;
        if (isNameStart(b[p])) {
            int q = scanMetricName(b, p, to);
            name = new String(b, p, q - p, StandardCharsets.ISO_8859_1);
            p = skipBlanks(b, q, to);
        }
        if (p < to && b[p] == '{') {
            p = parseLabelBlock(b, p + 1, to, pairs, name != null);
            if (pairs.size() % 2 == 1) {
                // A quoted metric name inside the braces was stored last; take it out.
                name = pairs.remove(pairs.size() - 1);
            }
        } else if (p < to) {
            throw new LineError(
                    "unexpected " + describe(b, p, to) + " after the metric name " + quote(name));
        }
        if (name == null) {
            throw new LineError("metric name not set: give it before '{' or quoted inside");
        }
        if (name.isEmpty()) {
            throw new LineError("empty metric name");
        }
        Set<String> seen = new HashSet<>();
        seen.add(Labels.METRIC_NAME);
        Labels.Builder builder = Labels.builder().set(Labels.METRIC_NAME, name);
        for (int i = 0; i < pairs.size(); i += 2) {
            String label = pairs.get(i);
            String value = pairs.get(i + 1);
            if (!seen.add(label)) {
                throw new LineError("duplicate label name " + quote(label));
            }
            builder.set(label, normalize(normalize, label, value));
        }
        return builder.build();
    }

    /**
     * Parses labels after the opening brace up to the closing one; a quoted name without {@code
     * =value} is the metric name and is appended as an odd last element.
     */
    private int parseLabelBlock(byte[] b, int p, int to, List<String> pairs, boolean haveName)
            throws LineError {
        String quotedName = null;
        while (true) {
            p = skipBlanks(b, p, to);
            if (p >= to) {
                throw new LineError("expected '}' at the end of the labels");
            }
            if (b[p] == '}') {
                break;
            }
            String label;
            boolean quoted = b[p] == '"';
            if (quoted) {
                label = readQuoted(b, p, to, "label name");
                p = pos;
            } else if (isLabelStart(b[p])) {
                int q = p + 1;
                while (q < to && isLabelChar(b[q])) {
                    q++;
                }
                label = new String(b, p, q - p, StandardCharsets.ISO_8859_1);
                p = q;
            } else {
                throw new LineError("expected a label name, got " + describe(b, p, to));
            }
            p = skipBlanks(b, p, to);
            if (quoted && p < to && (b[p] == ',' || b[p] == '}')) {
                if (haveName || quotedName != null) {
                    throw new LineError("metric name already set, then " + quote(label));
                }
                quotedName = label;
                if (b[p] == ',') {
                    p++;
                }
                continue;
            }
            if (label.isEmpty()) {
                throw new LineError("empty label name");
            }
            if (p >= to || b[p] != '=') {
                throw new LineError(
                        "expected '=' after label name "
                                + quote(label)
                                + ", got "
                                + describe(b, p, to));
            }
            p = skipBlanks(b, p + 1, to);
            if (p >= to || b[p] != '"') {
                throw new LineError(
                        "expected a quoted label value after "
                                + label
                                + "=, got "
                                + describe(b, p, to));
            }
            String value = readQuoted(b, p, to, "label value");
            p = skipBlanks(b, pos, to);
            pairs.add(label);
            pairs.add(value);
            if (p < to && b[p] == ',') {
                p++;
            } else if (p >= to || b[p] != '}') {
                throw new LineError(
                        "expected ',' or '}' after the value of "
                                + label
                                + ", got "
                                + describe(b, p, to));
            }
        }
        if (quotedName != null) {
            pairs.add(quotedName);
        }
        return p + 1;
    }

    /** Reads the quoted string starting at {@code b[p] == '"'}; leaves {@link #pos} after it. */
    private String readQuoted(byte[] b, int p, int to, String what) throws LineError {
        int q = p + 1;
        boolean escaped = false;
        while (q < to && b[q] != '"') {
            if (b[q] == '\\') {
                escaped = true;
                q++;
            }
            q++;
        }
        if (q >= to) {
            throw new LineError("unterminated quoted " + what);
        }
        pos = q + 1;
        String raw = decode(b, p + 1, q, what);
        return escaped ? unescape(raw) : raw;
    }

    private String decode(byte[] b, int from, int to, String what) throws LineError {
        try {
            return utf8.decode(ByteBuffer.wrap(b, from, to - from)).toString();
        } catch (CharacterCodingException e) {
            throw new LineError("invalid UTF-8 in " + what);
        }
    }

    private String unescape(String s) {
        StringBuilder sb = scratch;
        sb.setLength(0);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(i + 1);
                if (n == '\\' || n == '"') {
                    sb.append(n);
                    i++;
                    continue;
                }
                if (n == 'n') {
                    sb.append('\n');
                    i++;
                    continue;
                }
            }
            sb.append(c);
        }
        return sb.toString();
    }

    /**
     * Prometheus 3 rewrites {@code le} of histograms and {@code quantile} of summaries to a
     * canonical float text ({@code 1} becomes {@code 1.0}) when they parse as numbers.
     */
    private static String normalize(byte mode, String label, String value) {
        boolean applies =
                (mode == NORMALIZE_LE && label.equals("le"))
                        || (mode == NORMALIZE_QUANTILE && label.equals("quantile"));
        if (!applies) {
            return value;
        }
        byte[] bytes = value.getBytes(StandardCharsets.ISO_8859_1);
        double v;
        try {
            v = FloatParser.parse(bytes, 0, bytes.length);
        } catch (NumberFormatException e) {
            return value;
        }
        return formatOpenMetricsFloat(v);
    }

    /** Go's 'g' format, with {@code .0} added when it has neither a point nor an exponent. */
    static String formatOpenMetricsFloat(double v) {
        if (v == 0) {
            return "0.0";
        }
        String s = GoFloatFormat.formatG(v);
        if (Double.isNaN(v) || Double.isInfinite(v) || s.indexOf('.') >= 0 || s.indexOf('e') >= 0) {
            return s;
        }
        return s + ".0";
    }

    static int scanMetricName(byte[] b, int p, int to) {
        int q = p + 1;
        while (q < to && (isNameStart(b[q]) || (b[q] >= '0' && b[q] <= '9'))) {
            q++;
        }
        return q;
    }

    static boolean isNameStart(byte c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':';
    }

    private static boolean isLabelStart(byte c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    private static boolean isLabelChar(byte c) {
        return isLabelStart(c) || (c >= '0' && c <= '9');
    }

    static int skipBlanks(byte[] b, int p, int to) {
        while (p < to && (b[p] == ' ' || b[p] == '\t')) {
            p++;
        }
        return p;
    }

    /** Names what stands at {@code b[p]} for an error message. */
    static String describe(byte[] b, int p, int to) {
        if (p >= to) {
            return "the end of the line";
        }
        int q = p;
        while (q < to && q - p < 20 && b[q] != ' ' && b[q] != '\t') {
            q++;
        }
        if (q == p) {
            return "a blank";
        }
        return quote(new String(b, p, q - p, StandardCharsets.UTF_8));
    }

    static String quote(String s) {
        StringBuilder sb = new StringBuilder();
        Labels.quote(sb, s);
        return sb.toString();
    }
}
