package io.weir.connectors.text;

import io.weir.promql.model.Labels;
import java.nio.charset.StandardCharsets;

/**
 * Parses one sample line, {@code series value [timestamp]} and in OpenMetrics an optional exemplar
 * {@code # {labels} value [timestamp]}, which is checked for its opening brace and then skipped.
 * The result is left in the fields {@link #labels}, {@link #value}, {@link #timestamp}.
 */
final class SampleLineParser {
    private final boolean openMetrics;
    private final SeriesCache cache = new SeriesCache();
    private final SeriesTextParser seriesParser = new SeriesTextParser();

    /** Label-value normalisation set by the last {@code # TYPE} line. */
    byte normalize = SeriesTextParser.NORMALIZE_NONE;

    Labels labels;
    double value;
    long timestamp;
    boolean hasTimestamp;

    SampleLineParser(boolean openMetrics) {
        this.openMetrics = openMetrics;
    }

    /** Parses {@code b[from, to)}: no line break, no leading blanks, not empty. */
    void parse(byte[] b, int from, int to) throws LineError {
        boolean braces;
        int end;
        if (SeriesTextParser.isNameStart(b[from])) {
            end = SeriesTextParser.scanMetricName(b, from, to);
            int q = SeriesTextParser.skipBlanks(b, end, to);
            braces = q < to && b[q] == '{';
            if (braces) {
                end = scanLabelBlock(b, q, to);
            }
        } else if (b[from] == '{') {
            braces = true;
            end = scanLabelBlock(b, from, to);
        } else {
            throw new LineError(
                    "expected a metric name or '{', got " + SeriesTextParser.describe(b, from, to));
        }
        if (end < 0) {
            // The label block is malformed; a full parse says how.
            seriesParser.parse(b, from, to, normalize);
            throw new LineError("expected '}' at the end of the labels");
        }
        Labels l = cache.get(b, from, end, normalize);
        if (l == null) {
            l = seriesParser.parse(b, from, end, normalize);
            cache.put(b, from, end, normalize, l);
        }
        labels = l;

        String after = braces ? "the labels" : "the metric name";
        // As in Prometheus, the value may follow the closing brace without a blank.
        int p = SeriesTextParser.skipBlanks(b, end, to);
        if (p == end && p < to && !braces) {
            throw new LineError(
                    "unexpected " + SeriesTextParser.describe(b, p, to) + " after " + after);
        }
        if (p >= to) {
            throw new LineError("expected a value after " + after);
        }
        int q = tokenEnd(b, p, to);
        try {
            value = FloatParser.parse(b, p, q);
        } catch (NumberFormatException e) {
            throw new LineError("invalid value " + text(b, p, q) + ": " + e.getMessage());
        }
        hasTimestamp = false;
        p = SeriesTextParser.skipBlanks(b, q, to);
        if (p >= to) {
            return;
        }
        if (openMetrics && isExemplarStart(b, p, to)) {
            checkExemplar(b, p, to);
            return;
        }
        q = tokenEnd(b, p, to);
        timestamp = openMetrics ? secondsTimestamp(b, p, q) : millisTimestamp(b, p, q);
        hasTimestamp = true;
        p = SeriesTextParser.skipBlanks(b, q, to);
        if (p >= to) {
            return;
        }
        if (openMetrics && isExemplarStart(b, p, to)) {
            checkExemplar(b, p, to);
            return;
        }
        throw new LineError(
                "unexpected " + SeriesTextParser.describe(b, p, to) + " after the timestamp");
    }

    /** Index after the closing brace of the label block opening at {@code b[p]}, or -1. */
    private static int scanLabelBlock(byte[] b, int p, int to) {
        for (int i = p + 1; i < to; i++) {
            byte c = b[i];
            if (c == '"') {
                i++;
                while (i < to && b[i] != '"') {
                    if (b[i] == '\\') {
                        i++;
                    }
                    i++;
                }
                if (i >= to) {
                    return -1;
                }
            } else if (c == '}') {
                return i + 1;
            }
        }
        return -1;
    }

    private static int tokenEnd(byte[] b, int p, int to) {
        while (p < to && b[p] != ' ' && b[p] != '\t') {
            p++;
        }
        return p;
    }

    private static boolean isExemplarStart(byte[] b, int p, int to) {
        return b[p] == '#' && (p + 1 == to || b[p + 1] == ' ' || b[p + 1] == '\t');
    }

    private static void checkExemplar(byte[] b, int p, int to) throws LineError {
        int q = SeriesTextParser.skipBlanks(b, p + 1, to);
        if (q >= to || b[q] != '{') {
            throw new LineError(
                    "expected '{' to start an exemplar after '#', got "
                            + SeriesTextParser.describe(b, q, to));
        }
    }

    /** Prometheus text: an integer number of milliseconds. */
    private static long millisTimestamp(byte[] b, int p, int q) throws LineError {
        int i = p;
        boolean neg = i < q && b[i] == '-';
        if (neg) {
            i++;
        }
        if (i == q || q - i > 18) {
            throw badMillis(b, p, q);
        }
        long t = 0;
        for (; i < q; i++) {
            if (b[i] < '0' || b[i] > '9') {
                throw badMillis(b, p, q);
            }
            t = t * 10 + (b[i] - '0');
        }
        return neg ? -t : t;
    }

    private static LineError badMillis(byte[] b, int p, int q) {
        return new LineError(
                "invalid timestamp "
                        + text(b, p, q)
                        + ": the Prometheus text format takes integer milliseconds"
                        + " (OpenMetrics data, with timestamps in seconds, ends with \"# EOF\")");
    }

    /** OpenMetrics: seconds, possibly fractional, truncated to milliseconds as Prometheus does. */
    private static long secondsTimestamp(byte[] b, int p, int q) throws LineError {
        double seconds;
        try {
            seconds = FloatParser.parse(b, p, q);
        } catch (NumberFormatException e) {
            throw new LineError("invalid timestamp " + text(b, p, q) + ": " + e.getMessage());
        }
        double millis = seconds * 1000;
        if (Double.isNaN(millis) || Math.abs(millis) >= 9.2e18) {
            throw new LineError("invalid timestamp " + text(b, p, q) + ": not a time in seconds");
        }
        if (Math.abs(seconds) >= 1e11) {
            // Past the year 5000: almost surely milliseconds in a file taken for OpenMetrics.
            throw new LineError(
                    "invalid timestamp "
                            + text(b, p, q)
                            + ": OpenMetrics timestamps are seconds and this looks like"
                            + " milliseconds (Prometheus text format data must not end with"
                            + " \"# EOF\")");
        }
        return (long) millis;
    }

    private static String text(byte[] b, int p, int q) {
        return SeriesTextParser.quote(new String(b, p, q - p, StandardCharsets.UTF_8));
    }
}
