package io.weir.promql.conformance;

import com.google.re2j.Pattern;
import io.weir.promql.model.Labels;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One command of a test script: {@code load}, {@code clear} or {@code eval}. */
sealed interface Command {
    /** The 1-based line of the command in its script. */
    int line();

    /**
     * {@code load <interval>}: each series gets a sample every interval from time 0.
     *
     * @param withNhcb {@code load_with_nhcb}: classic histogram series are also converted into
     *     native histograms with custom buckets
     */
    record Load(int line, long intervalMillis, boolean withNhcb, List<SeriesNotation.Series> series)
            implements Command {
        public Load {
            series = List.copyOf(series);
        }
    }

    /** {@code clear}: forget every loaded sample. */
    record Clear(int line) implements Command {}

    /**
     * {@code eval instant at <t> <query>} or {@code eval range from <s> to <e> step <d> <query>}
     * with its expectations.
     *
     * @param start range start; for an instant query its time, or the start of {@code expect range
     *     vector}
     * @param end range end; for an instant query with {@code expect range vector} its end
     * @param step range step; for an instant query with {@code expect range vector} its step
     * @param evalTime the time of an instant query (the end of {@code expect range vector} when
     *     given)
     * @param fail null when the query must succeed; else the checks its error must pass (an empty
     *     list: any error)
     * @param expectedString the string of {@code expect string}, or null
     * @param excludeFromRangeQuery an instant query that is not re-run as a range query
     * @param expectedScalar the expected scalar when the block holds a bare number, else null
     * @param expectedSeries expected series by label set, each with its 1-based position
     * @param annotations {@code expect warn/info/no_warn/no_info} lines (not checked yet)
     */
    record Eval(
            int line,
            String query,
            boolean range,
            long start,
            long end,
            long step,
            long evalTime,
            boolean rangeVector,
            List<TextMatch> fail,
            boolean ordered,
            String expectedString,
            boolean excludeFromRangeQuery,
            Double expectedScalar,
            Map<Labels, ExpectedSeries> expectedSeries,
            List<String> annotations)
            implements Command {
        public Eval {
            fail = fail == null ? null : List.copyOf(fail);
            expectedSeries = Collections.unmodifiableMap(new LinkedHashMap<>(expectedSeries));
            annotations = List.copyOf(annotations);
        }

        boolean expectsFailure() {
            return fail != null;
        }

        boolean expectsHistogram() {
            return expectedSeries.values().stream().anyMatch(s -> s.series().hasHistogram());
        }
    }

    /** An expected series and its position (counted as the scripts' implementation counts). */
    record ExpectedSeries(int position, SeriesNotation.Series series) {}

    /** How an error message is checked. */
    sealed interface TextMatch {
        boolean matches(String text);

        /** The message must equal this text. */
        record Exact(String text) implements TextMatch {
            @Override
            public boolean matches(String actual) {
                return text.equals(actual);
            }

            @Override
            public String toString() {
                return "message \"" + text + "\"";
            }
        }

        /** The message must contain a match of this RE2 pattern. */
        record Regex(Pattern pattern) implements TextMatch {
            @Override
            public boolean matches(String actual) {
                return pattern.matcher(actual).find();
            }

            @Override
            public String toString() {
                return "pattern \"" + pattern.pattern() + "\"";
            }
        }
    }
}
