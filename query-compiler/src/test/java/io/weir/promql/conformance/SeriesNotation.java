package io.weir.promql.conformance;

import io.weir.promql.model.Labels;
import io.weir.promql.model.StaleNaN;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Reads a series line of a script: a metric ({@code name}, {@code name{a="b"}}, {@code {a="b"}} or
 * {@code {"my.metric", "a.b"="x"}}) followed by expanding values:
 *
 * <ul>
 *   <li>{@code 5}, {@code -2.5}, {@code 1e3}, {@code Inf}, {@code NaN}, {@code stale}: one value;
 *   <li>{@code _}: one step without a sample; {@code _x3}: three such steps;
 *   <li>{@code 7x3}: the value four times (the initial one plus three repetitions);
 *   <li>{@code 1+2x3} / {@code 1-2x3}: four values, the increment added step by step;
 *   <li>{@code {{...}}}, optionally {@code xN} or {@code +{{...}}xN}: native histograms.
 * </ul>
 */
final class SeriesNotation {

    /** A parsed series line. */
    record Series(Labels labels, List<SequenceValue> values) {
        Series {
            values = List.copyOf(values);
        }

        boolean hasHistogram() {
            return values.stream().anyMatch(v -> v instanceof SequenceValue.Histogram);
        }
    }

    private final String text;
    private int pos;

    private SeriesNotation(String text) {
        this.text = text;
    }

    /**
     * Parses a whole series line.
     *
     * @throws IllegalArgumentException with a description of what is wrong
     */
    static Series parse(String line) {
        SeriesNotation p = new SeriesNotation(line.strip());
        Labels labels = p.metric();
        List<SequenceValue> values = p.values();
        return new Series(labels, values);
    }

    /** Expands the value part alone, e.g. {@code "1+2x3 _ stale"}. */
    static List<SequenceValue> parseValues(String values) {
        SeriesNotation p = new SeriesNotation(" " + values.strip());
        return p.values();
    }

    private Labels metric() {
        Labels.Builder b = Labels.builder();
        if (pos < text.length() && isNameStart(text.charAt(pos))) {
            int start = pos;
            while (pos < text.length() && isNameChar(text.charAt(pos))) {
                pos++;
            }
            b.set(Labels.METRIC_NAME, text.substring(start, pos));
            if (pos < text.length() && text.charAt(pos) == '{') {
                labelSet(b);
            }
        } else if (pos < text.length() && text.charAt(pos) == '{') {
            labelSet(b);
        } else {
            throw error("expected a metric name or '{'");
        }
        return b.build();
    }

    private void labelSet(Labels.Builder b) {
        pos++; // '{'
        skipSpaces();
        if (peek() == '}') {
            pos++;
            return;
        }
        while (true) {
            skipSpaces();
            String name;
            if (isQuote(peek())) {
                name = quoted();
                skipSpaces();
                if (peek() != '=') {
                    // A lone quoted string is the metric name.
                    b.set(Labels.METRIC_NAME, name);
                    if (endOfItem()) {
                        return;
                    }
                    continue;
                }
            } else if (isNameStart(peek()) && peek() != ':') {
                int start = pos;
                while (pos < text.length() && isLabelChar(text.charAt(pos))) {
                    pos++;
                }
                name = text.substring(start, pos);
                skipSpaces();
            } else {
                throw error("expected a label name");
            }
            if (peek() != '=') {
                throw error("expected '=' after label name " + name);
            }
            pos++;
            skipSpaces();
            if (!isQuote(peek())) {
                throw error("expected a quoted label value");
            }
            b.set(name, quoted());
            if (endOfItem()) {
                return;
            }
        }
    }

    /** Consumes ',' or '}' after a label; true when the set is closed. */
    private boolean endOfItem() {
        skipSpaces();
        char c = peek();
        if (c == '}') {
            pos++;
            return true;
        }
        if (c != ',') {
            throw error("expected ',' or '}' in label set");
        }
        pos++;
        skipSpaces();
        if (peek() == '}') {
            pos++;
            return true;
        }
        return false;
    }

    private String quoted() {
        char q = text.charAt(pos);
        int start = pos;
        pos++;
        while (pos < text.length() && text.charAt(pos) != q) {
            if (text.charAt(pos) == '\\' && q != '`') {
                pos++;
            }
            pos++;
        }
        if (pos >= text.length()) {
            throw error("unterminated string");
        }
        pos++;
        return ScriptSyntax.unquote(text.substring(start, pos));
    }

    private List<SequenceValue> values() {
        List<SequenceValue> out = new ArrayList<>();
        while (true) {
            boolean spaced = skipSpaces();
            if (pos >= text.length()) {
                return out;
            }
            if (!spaced) {
                throw error("expected a space before a value");
            }
            if (text.startsWith("{{", pos)) {
                histogramItem(out);
            } else {
                int start = pos;
                while (pos < text.length() && !Character.isWhitespace(text.charAt(pos))) {
                    pos++;
                }
                floatItem(text.substring(start, pos), out);
            }
        }
    }

    private void histogramItem(List<SequenceValue> out) {
        String first = histogramLiteral();
        if (pos < text.length() && text.charAt(pos) == 'x') {
            pos++;
            long n = uint(readToken());
            out.addAll(Collections.nCopies((int) n + 1, new SequenceValue.Histogram(first)));
        } else if (pos < text.length()
                && (text.charAt(pos) == '+' || text.charAt(pos) == '-')
                && text.startsWith("{{", pos + 1)) {
            char op = text.charAt(pos);
            pos++;
            String step = histogramLiteral();
            if (pos >= text.length() || text.charAt(pos) != 'x') {
                throw error("expected 'x' after a histogram increment");
            }
            pos++;
            long n = uint(readToken());
            for (long i = 0; i <= n; i++) {
                out.add(new SequenceValue.Histogram(first + op + step + "*" + i));
            }
        } else {
            out.add(new SequenceValue.Histogram(first));
        }
    }

    private String histogramLiteral() {
        int end = text.indexOf("}}", pos);
        if (end < 0) {
            throw error("unterminated native histogram");
        }
        String h = text.substring(pos, end + 2);
        pos = end + 2;
        return h;
    }

    private String readToken() {
        int start = pos;
        while (pos < text.length() && !Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
        return text.substring(start, pos);
    }

    private void floatItem(String item, List<SequenceValue> out) {
        if (item.equals("_")) {
            out.add(new SequenceValue.Omitted());
            return;
        }
        if (item.startsWith("_x")) {
            long n = uint(item.substring(2));
            out.addAll(Collections.nCopies((int) n, new SequenceValue.Omitted()));
            return;
        }
        ValueScan first = scanValue(item, 0, true);
        String rest = item.substring(first.end);
        if (rest.isEmpty()) {
            out.add(new SequenceValue.FloatValue(first.value));
            return;
        }
        if (rest.charAt(0) == 'x') {
            long n = uint(rest.substring(1));
            out.addAll(Collections.nCopies((int) n + 1, new SequenceValue.FloatValue(first.value)));
            return;
        }
        if (rest.charAt(0) != '+' && rest.charAt(0) != '-') {
            throw error("unexpected \"" + rest + "\" in series value \"" + item + "\"");
        }
        ValueScan delta = scanValue(item, first.end, false);
        String times = item.substring(delta.end);
        if (!times.startsWith("x")) {
            throw error("expected 'x<count>' after the increment in \"" + item + "\"");
        }
        long n = uint(times.substring(1));
        double v = first.value;
        // The value grows by repeated addition, as the scripts' implementation does; the float
        // rounding of a long series therefore matches theirs.
        for (long i = 0; i <= n; i++) {
            out.add(new SequenceValue.FloatValue(v));
            v += delta.value;
        }
    }

    private record ValueScan(double value, int end) {}

    /**
     * Scans {@code [+-]? (number | Inf | NaN | stale)} at {@code from}. The sign is optional only
     * for the first value; the increment always carries one.
     */
    private ValueScan scanValue(String item, int from, boolean first) {
        int i = from;
        boolean negative = false;
        boolean signed = false;
        if (i < item.length() && (item.charAt(i) == '+' || item.charAt(i) == '-')) {
            negative = item.charAt(i) == '-';
            signed = true;
            i++;
        }
        if (!first && !signed) {
            throw error("expected a signed increment in \"" + item + "\"");
        }
        if (i < item.length() && Character.isLetter(item.charAt(i))) {
            int start = i;
            while (i < item.length()
                    && (Character.isLetterOrDigit(item.charAt(i)) || item.charAt(i) == '_')) {
                i++;
            }
            String word = item.substring(start, i).toLowerCase(Locale.ROOT);
            double v =
                    switch (word) {
                        case "inf" -> Double.POSITIVE_INFINITY;
                        case "nan" -> Double.NaN;
                        case "stale" -> {
                            if (signed) {
                                throw error("a sign before stale in \"" + item + "\"");
                            }
                            yield StaleNaN.VALUE;
                        }
                        default ->
                                throw error(
                                        "unexpected \""
                                                + item.substring(start, i)
                                                + "\" in series values: expected number or"
                                                + " \"stale\"");
                    };
            return new ValueScan(negative ? -v : v, i);
        }
        int start = i;
        if (i < item.length() && item.charAt(i) == '.') {
            i++;
        }
        while (i < item.length()) {
            char c = item.charAt(i);
            if (Character.isDigit(c) || c == '.' || c == '_') {
                i++;
            } else if ((c == 'e' || c == 'E') && i + 1 < item.length()) {
                i++;
                if (item.charAt(i) == '+' || item.charAt(i) == '-') {
                    i++;
                }
            } else {
                break;
            }
        }
        if (i == start) {
            throw error("expected a number in \"" + item + "\"");
        }
        double v;
        try {
            v = ScriptSyntax.parseNumber(item.substring(start, i));
        } catch (NumberFormatException e) {
            throw error("bad number \"" + item.substring(start, i) + "\" in \"" + item + "\"");
        }
        return new ValueScan(negative ? -v : v, i);
    }

    private long uint(String s) {
        if (s.isEmpty() || !s.chars().allMatch(Character::isDigit)) {
            throw error("invalid repetition in series values: \"" + s + "\"");
        }
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw error("invalid repetition in series values: \"" + s + "\"");
        }
    }

    private boolean skipSpaces() {
        int start = pos;
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
        return pos > start;
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private static boolean isQuote(char c) {
        return c == '"' || c == '\'' || c == '`';
    }

    private static boolean isNameStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':';
    }

    private static boolean isNameChar(char c) {
        return isNameStart(c) || (c >= '0' && c <= '9');
    }

    private static boolean isLabelChar(char c) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || c == '_'
                || (c >= '0' && c <= '9');
    }

    private IllegalArgumentException error(String message) {
        return new IllegalArgumentException(message + " (in \"" + text + "\" at " + pos + ")");
    }
}
