package io.weir.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class QueryParamsTest {

    @Test
    void times() throws BadParameterException {
        assertEquals(1704067200000L, QueryParams.parseTime("time", "1704067200"));
        assertEquals(1704067200500L, QueryParams.parseTime("time", "1704067200.5"));
        assertEquals(1704067200123L, QueryParams.parseTime("time", "1704067200.1234"));
        assertEquals(1704067200124L, QueryParams.parseTime("time", "1704067200.1235"));
        assertEquals(-1500L, QueryParams.parseTime("time", "-1.5"));
        assertEquals(1704067200000L, QueryParams.parseTime("time", "2024-01-01T00:00:00Z"));
        assertEquals(1704067200250L, QueryParams.parseTime("time", "2024-01-01T01:00:00.25+01:00"));
        assertEquals(
                1704067200123L, QueryParams.parseTime("time", "2024-01-01T00:00:00.123456789Z"));
        BadParameterException e =
                assertThrows(
                        BadParameterException.class, () -> QueryParams.parseTime("start", "x"));
        assertEquals(
                "invalid parameter \"start\": cannot parse \"x\" to a valid timestamp",
                e.getMessage());
    }

    @Test
    void durations() throws BadParameterException {
        assertEquals(15_000, QueryParams.parseDuration("step", "15s"));
        assertEquals(15_000, QueryParams.parseDuration("step", "15"));
        assertEquals(500, QueryParams.parseDuration("step", "0.5"));
        assertEquals(5_400_000, QueryParams.parseDuration("step", "1h30m"));
        assertEquals(60_500, QueryParams.parseDuration("step", "1m500ms"));
        assertEquals(
                8 * 86_400_000L + 365 * 86_400_000L, QueryParams.parseDuration("step", "1y1w1d"));
        for (String bad : new String[] {"", "m", "1m1h", "1s1s", "1.5m", "-1m", "1M"}) {
            assertThrows(
                    BadParameterException.class, () -> QueryParams.parseDuration("step", bad), bad);
        }
    }

    @Test
    void ranges() throws BadParameterException {
        QueryParams.checkRange(0, 11_000_000, 1000);
        assertThrows(
                BadParameterException.class, () -> QueryParams.checkRange(0, 11_001_000, 1000));
        assertThrows(BadParameterException.class, () -> QueryParams.checkRange(2, 1, 1));
        assertThrows(BadParameterException.class, () -> QueryParams.checkRange(1, 2, 0));
    }
}
