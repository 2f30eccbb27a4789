package io.weir.promql.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weir.promql.model.Labels;
import io.weir.promql.model.StaleNaN;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SeriesNotationTest {

    /** Values in script notation: numbers, "_" for a gap, "stale", "H" for a histogram. */
    private static List<String> expand(String values) {
        List<String> out = new ArrayList<>();
        for (SequenceValue v : SeriesNotation.parseValues(values)) {
            if (v instanceof SequenceValue.FloatValue f) {
                out.add(StaleNaN.isStale(f.value()) ? "stale" : ResultComparator.format(f.value()));
            } else if (v instanceof SequenceValue.Omitted) {
                out.add("_");
            } else {
                out.add("H");
            }
        }
        return out;
    }

    @Test
    void plainValues() {
        assertEquals(List.of("1", "2", "-3", "0.5", "1000"), expand("1 2 -3 .5 1e3"));
    }

    @Test
    void increasingSeriesHasOneMoreValueThanItsCount() {
        assertEquals(List.of("1", "3", "5", "7"), expand("1+2x3"));
    }

    @Test
    void decreasingSeries() {
        assertEquals(List.of("1", "-1", "-3", "-5"), expand("1-2x3"));
        assertEquals(List.of("-1", "-3", "-5"), expand("-1-2x2"));
    }

    @Test
    void repeatedValue() {
        assertEquals(List.of("7", "7", "7", "7"), expand("7x3"));
        assertEquals(List.of("0"), expand("0x0"));
    }

    @Test
    void gaps() {
        assertEquals(List.of("_"), expand("_"));
        assertEquals(List.of("_", "_", "_"), expand("_x3"));
        assertEquals(List.of("1", "_", "_", "2"), expand("1 _x2 2"));
    }

    @Test
    void staleAndSpecialValues() {
        assertEquals(
                List.of("1", "stale", "Inf", "-Inf", "NaN", "Inf"),
                expand("1 stale Inf -Inf NaN +Inf"));
        SequenceValue stale = SeriesNotation.parseValues("stale").get(0);
        assertTrue(StaleNaN.isStale(((SequenceValue.FloatValue) stale).value()));
        // An ordinary NaN is not a staleness marker.
        SequenceValue nan = SeriesNotation.parseValues("NaN").get(0);
        assertTrue(!StaleNaN.isStale(((SequenceValue.FloatValue) nan).value()));
    }

    @Test
    void fractionalIncrementsAccumulateByAddition() {
        List<SequenceValue> v = SeriesNotation.parseValues("0+0.1x3");
        double expected = 0;
        for (int i = 0; i < 4; i++) {
            assertEquals(expected, ((SequenceValue.FloatValue) v.get(i)).value());
            expected += 0.1;
        }
    }

    @Test
    void exponentWithSignedIncrement() {
        assertEquals(List.of("1", "2", "3"), expand("1e0+1e0x2"));
        List<SequenceValue> v = SeriesNotation.parseValues("1e-6");
        assertEquals(1e-6, ((SequenceValue.FloatValue) v.get(0)).value());
    }

    @Test
    void nativeHistogramsAreRecognisedAndCounted() {
        assertEquals(List.of("H"), expand("{{schema:1 sum:3 count:22 buckets:[5 10 7]}}"));
        assertEquals(List.of("H", "H", "H"), expand("{{count:1}}x2"));
        assertEquals(List.of("1", "H", "H", "H", "_"), expand("1 {{count:0}}+{{count:1}}x2 _"));
    }

    @Test
    void metricWithLabels() {
        SeriesNotation.Series s =
                SeriesNotation.parse("http_requests{job=\"api\", group=\"canary\"} 1 2");
        assertEquals(
                Labels.of("__name__", "http_requests", "job", "api", "group", "canary"),
                s.labels());
        assertEquals(2, s.values().size());
    }

    @Test
    void labelsOnlyAndEmptyLabelSet() {
        assertEquals(
                Labels.of("group", "canary"),
                SeriesNotation.parse("{group=\"canary\"} 700").labels());
        assertEquals(Labels.EMPTY, SeriesNotation.parse("{} 1").labels());
        assertEquals(Labels.of("__name__", "m"), SeriesNotation.parse("m{} 1").labels());
    }

    @Test
    void quotedNamesAndEscapes() {
        SeriesNotation.Series s =
                SeriesNotation.parse(
                        "{\"my.metric\", \"a.b\"='x', c=`y\\z`, d=\"q\\\"\\n\\u00e9\"} 1");
        assertEquals(
                Labels.of("__name__", "my.metric", "a.b", "x", "c", "y\\z", "d", "q\"\né"),
                s.labels());
    }

    @Test
    void labelValuesMayHoldBracesCommasAndSpaces() {
        SeriesNotation.Series s =
                SeriesNotation.parse("{job=\"{count:20, sum:10, [-2,-1):2}\", group=\"canary\"} 2");
        assertEquals("{count:20, sum:10, [-2,-1):2}", s.labels().get("job"));
        assertEquals(List.of(new SequenceValue.FloatValue(2)), s.values());
    }

    @Test
    void trailingCommaAndNoValues() {
        SeriesNotation.Series s = SeriesNotation.parse("m{a=\"1\",}");
        assertEquals(Labels.of("__name__", "m", "a", "1"), s.labels());
        assertTrue(s.values().isEmpty());
    }

    @Test
    void malformedLinesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> SeriesNotation.parse("m{a=1} 1"));
        assertThrows(IllegalArgumentException.class, () -> SeriesNotation.parse("m 1x"));
        assertThrows(IllegalArgumentException.class, () -> SeriesNotation.parse("m 1+2"));
        assertThrows(IllegalArgumentException.class, () -> SeriesNotation.parse("m foo"));
        assertThrows(IllegalArgumentException.class, () -> SeriesNotation.parse("m 1m"));
        assertThrows(IllegalArgumentException.class, () -> SeriesNotation.parse("m{a=\"1\" 1"));
    }
}
