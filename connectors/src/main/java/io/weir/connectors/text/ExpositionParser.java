package io.weir.connectors.text;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Streams the samples of a Prometheus text or OpenMetrics text exposition to a {@link SampleSink},
 * one call per sample, reading the input once in large blocks.
 *
 * <p>What it accepts: {@code # HELP}, {@code # TYPE}, {@code # UNIT} (OpenMetrics) and other
 * comments; sample lines {@code name{label="value",...} value [timestamp]} with quoted UTF-8 names
 * ({@code {"my.metric","a.b"="x"} 1}), the escapes {@code \\ \" \n} in quoted strings, values such
 * as {@code 1.5e3}, {@code +Inf}, {@code -Inf}, {@code NaN}; in OpenMetrics an exemplar after the
 * sample ({@code # {trace_id="a"} 1 1700000000}), which is skipped, and the final {@code # EOF}.
 *
 * <p>Timestamps: integer milliseconds in the Prometheus text format, seconds (possibly fractional,
 * truncated to milliseconds as Prometheus does) in OpenMetrics. The format is chosen by the caller,
 * usually with {@link ExpositionFormat#detect}. A sample without a timestamp takes the default time
 * when one was given and is an error otherwise, since evaluation needs data in time.
 *
 * <p>As Prometheus 3 does, after {@code # TYPE x histogram} the {@code le} label values (and after
 * {@code summary} the {@code quantile} values) are rewritten to canonical floats: {@code le="1"} is
 * stored as {@code le="1.0"}. {@code _created} series of OpenMetrics are kept as ordinary series,
 * as {@code promtool tsdb create-blocks-from openmetrics} keeps them.
 *
 * <p>A bad line does not stop the parse: up to {@link #maxProblems} bad lines are collected and
 * reported together in an {@link ExpositionException} at the end, each with its line number.
 * Samples of good lines reach the sink either way. Parsers are immutable; one may serve many
 * parses, one at a time per call.
 */
public final class ExpositionParser {
    public static final int DEFAULT_MAX_PROBLEMS = 20;

    private static final Set<String> TYPES =
            Set.of(
                    "counter",
                    "gauge",
                    "histogram",
                    "gaugehistogram",
                    "summary",
                    "untyped",
                    "unknown",
                    "info",
                    "stateset");

    private final ExpositionFormat format;
    private final String source;
    private final boolean hasDefaultTimestamp;
    private final long defaultTimestampMillis;
    private final int maxProblems;

    /**
     * @param format how to read timestamps and whether {@code # EOF} is required
     * @param source the name of the data in error messages, usually the file name
     */
    public ExpositionParser(ExpositionFormat format, String source) {
        this(format, source, false, 0, DEFAULT_MAX_PROBLEMS);
    }

    private ExpositionParser(
            ExpositionFormat format,
            String source,
            boolean hasDefaultTimestamp,
            long defaultTimestampMillis,
            int maxProblems) {
        this.format = format;
        this.source = source;
        this.hasDefaultTimestamp = hasDefaultTimestamp;
        this.defaultTimestampMillis = defaultTimestampMillis;
        this.maxProblems = maxProblems;
    }

    /** A parser that gives samples without a timestamp this time instead of failing on them. */
    public ExpositionParser withDefaultTimestamp(long millis) {
        return new ExpositionParser(format, source, true, millis, maxProblems);
    }

    /** A parser that lists at most {@code n} bad lines (it still counts them all). */
    public ExpositionParser withMaxProblems(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be positive");
        }
        return new ExpositionParser(format, source, hasDefaultTimestamp, defaultTimestampMillis, n);
    }

    public ExpositionFormat format() {
        return format;
    }

    /** Parses data held in memory; returns the number of samples passed to the sink. */
    public long parse(byte[] data, SampleSink sink) {
        try {
            return parse(new ByteArrayInputStream(data), sink);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads {@code in} to its end (it is not closed); returns the number of samples passed to the
     * sink.
     *
     * @throws ExpositionException when any line was bad, after the whole input was read
     */
    public long parse(InputStream in, SampleSink sink) throws IOException {
        Run run = new Run(sink);
        byte[] buf = new byte[1 << 16];
        int len = 0;
        int lineStart = 0;
        int scanFrom = 0;
        while (true) {
            int n = in.read(buf, len, buf.length - len);
            if (n < 0) {
                if (lineStart < len) {
                    run.line(buf, lineStart, len);
                }
                break;
            }
            len += n;
            for (int i = scanFrom; i < len; i++) {
                if (buf[i] == '\n') {
                    run.line(buf, lineStart, i);
                    lineStart = i + 1;
                }
            }
            scanFrom = len;
            if (lineStart > 0) {
                System.arraycopy(buf, lineStart, buf, 0, len - lineStart);
                len -= lineStart;
                scanFrom -= lineStart;
                lineStart = 0;
            }
            if (len == buf.length) {
                byte[] bigger = new byte[buf.length * 2];
                System.arraycopy(buf, 0, bigger, 0, len);
                buf = bigger;
            }
        }
        return run.finish();
    }

    /** The state of one parse. */
    private final class Run {
        private final SampleSink sink;
        private final boolean openMetrics = format == ExpositionFormat.OPENMETRICS;
        private final SampleLineParser samples = new SampleLineParser(openMetrics);
        private final List<ExpositionException.Problem> problems = new ArrayList<>();
        private int badLines;
        private int lineNo;
        private boolean sawEof;
        private long count;

        Run(SampleSink sink) {
            this.sink = sink;
        }

        void line(byte[] b, int from, int to) {
            lineNo++;
            if (to > from && b[to - 1] == '\r') {
                to--;
            }
            int p = SeriesTextParser.skipBlanks(b, from, to);
            if (p == to) {
                return;
            }
            try {
                if (sawEof) {
                    throw new LineError("unexpected data after # EOF");
                }
                if (b[p] == '#') {
                    comment(b, p, to);
                } else {
                    sample(b, p, to);
                }
            } catch (LineError e) {
                problem(lineNo, e.getMessage());
            }
        }

        private void sample(byte[] b, int from, int to) throws LineError {
            samples.parse(b, from, to);
            long t;
            if (samples.hasTimestamp) {
                t = samples.timestamp;
            } else if (hasDefaultTimestamp) {
                t = defaultTimestampMillis;
            } else {
                throw new LineError("sample has no timestamp, and no default time was given");
            }
            sink.accept(samples.labels, t, samples.value);
            count++;
        }

        private void comment(byte[] b, int p, int to) throws LineError {
            int q = p + 1;
            if (q < to && b[q] != ' ' && b[q] != '\t') {
                return; // "#text": a plain comment
            }
            q = SeriesTextParser.skipBlanks(b, q, to);
            int w = q;
            while (w < to && b[w] != ' ' && b[w] != '\t') {
                w++;
            }
            String word = new String(b, q, w - q, StandardCharsets.ISO_8859_1);
            if (openMetrics && word.equals("EOF")) {
                if (SeriesTextParser.skipBlanks(b, w, to) != to) {
                    throw new LineError("unexpected text after # EOF");
                }
                sawEof = true;
                return;
            }
            boolean meta =
                    word.equals("HELP")
                            || word.equals("TYPE")
                            || (openMetrics && word.equals("UNIT"));
            int n = SeriesTextParser.skipBlanks(b, w, to);
            if (!meta || n == to) {
                return; // an ordinary comment, or a keyword alone on the line
            }
            metadata(word, b, n, to);
        }

        private void metadata(String word, byte[] b, int p, int to) throws LineError {
            String name;
            int q;
            if (b[p] == '"') {
                q = p + 1;
                while (q < to && b[q] != '"') {
                    q += b[q] == '\\' ? 2 : 1;
                }
                if (q >= to) {
                    throw new LineError("unterminated quoted metric name after " + word);
                }
                name = new String(b, p + 1, q - p - 1, StandardCharsets.UTF_8);
                q++;
            } else if (SeriesTextParser.isNameStart(b[p])) {
                q = SeriesTextParser.scanMetricName(b, p, to);
                name = new String(b, p, q - p, StandardCharsets.ISO_8859_1);
            } else {
                throw new LineError(
                        "expected a metric name after "
                                + word
                                + ", got "
                                + SeriesTextParser.describe(b, p, to));
            }
            if (q < to && b[q] != ' ' && b[q] != '\t') {
                throw new LineError(
                        "expected a blank after the metric name in "
                                + word
                                + ", got "
                                + SeriesTextParser.describe(b, q, to));
            }
            String text =
                    new String(b, q, to - q, StandardCharsets.UTF_8)
                            .strip(); // HELP text is not used; TYPE and UNIT are one word
            switch (word) {
                case "TYPE" -> type(text);
                case "UNIT" -> unit(name, text);
                default -> {}
            }
        }

        private void type(String type) throws LineError {
            if (!TYPES.contains(type)) {
                throw new LineError("invalid metric type " + SeriesTextParser.quote(type));
            }
            samples.normalize =
                    switch (type) {
                        case "histogram" -> SeriesTextParser.NORMALIZE_LE;
                        case "summary" -> SeriesTextParser.NORMALIZE_QUANTILE;
                        default -> SeriesTextParser.NORMALIZE_NONE;
                    };
        }

        private void unit(String name, String unit) throws LineError {
            if (!unit.isEmpty() && !name.endsWith("_" + unit)) {
                throw new LineError(
                        "unit "
                                + SeriesTextParser.quote(unit)
                                + " not a suffix of metric "
                                + SeriesTextParser.quote(name));
            }
        }

        private void problem(int line, String message) {
            badLines++;
            if (problems.size() < maxProblems) {
                problems.add(new ExpositionException.Problem(line, message));
            }
        }

        long finish() {
            if (openMetrics && !sawEof) {
                problem(Math.max(lineNo, 1), "data does not end with # EOF");
            }
            if (badLines > 0) {
                throw new ExpositionException(source, problems, badLines);
            }
            return count;
        }
    }
}
