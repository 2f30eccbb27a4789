package io.weir.server.api;

import io.weir.connectors.text.FloatParser;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Reads times and durations as Prometheus's HTTP API reads its {@code time}, {@code start}, {@code
 * end}, {@code step} parameters, and checks range-query bounds with its wording.
 *
 * <ul>
 *   <li>time: unix seconds, possibly fractional (rounded to milliseconds), or RFC 3339 such as
 *       {@code 2024-01-01T00:00:00Z} or {@code 2024-01-01T01:00:00.5+01:00};
 *   <li>duration: seconds, possibly fractional, or Prometheus duration text: units {@code y w d h m
 *       s ms} from largest to smallest, each at most once, e.g. {@code 1h30m}, {@code 15s}.
 * </ul>
 */
public final class QueryParams {
    /** Prometheus's cap on the points of one series in a range query. */
    public static final long MAX_POINTS = 11_000;

    private QueryParams() {}

    /** Parses a time; {@code parameter} names it in the error. */
    public static long parseTime(String parameter, String s) throws BadParameterException {
        double seconds = Double.NaN;
        try {
            seconds = FloatParser.parse(s);
        } catch (NumberFormatException e) {
            // not a number: try RFC 3339 below
        }
        if (!Double.isNaN(seconds) && !Double.isInfinite(seconds)) {
            return unixSecondsToMillis(seconds);
        }
        try {
            OffsetDateTime t = OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            return t.toEpochSecond() * 1000 + t.getNano() / 1_000_000;
        } catch (DateTimeParseException e) {
            throw new BadParameterException(
                    parameter, "cannot parse \"" + s + "\" to a valid timestamp");
        }
    }

    /**
     * Seconds to milliseconds as Prometheus does: the fraction is rounded to milliseconds (half
     * away from zero), then whole seconds and nanoseconds are combined.
     */
    static long unixSecondsToMillis(double t) {
        double whole = t < 0 ? Math.ceil(t) : Math.floor(t);
        double frac = t - whole;
        double ns = roundHalfAway(frac * 1000) / 1000;
        long sec = (long) whole;
        long nanos = (long) (ns * 1e9);
        if (nanos < 0) {
            sec--;
            nanos += 1_000_000_000L;
        } else if (nanos >= 1_000_000_000L) {
            sec++;
            nanos -= 1_000_000_000L;
        }
        return sec * 1000 + nanos / 1_000_000;
    }

    private static double roundHalfAway(double x) {
        double a = Math.abs(x);
        double r = Math.floor(a);
        if (a - r >= 0.5) {
            r += 1;
        }
        return Math.copySign(r, x);
    }

    /** Parses a duration to milliseconds (sub-millisecond parts are dropped). */
    public static long parseDuration(String parameter, String s) throws BadParameterException {
        double seconds = Double.NaN;
        try {
            seconds = FloatParser.parse(s);
        } catch (NumberFormatException e) {
            // not a number: try duration text below
        }
        if (!Double.isNaN(seconds)) {
            double ns = seconds * 1e9;
            if (ns > (double) Long.MAX_VALUE || ns < (double) Long.MIN_VALUE) {
                throw new BadParameterException(
                        parameter,
                        "cannot parse \"" + s + "\" to a valid duration. It overflows int64");
            }
            return (long) ns / 1_000_000;
        }
        long millis = parseDurationText(s);
        if (millis < 0) {
            throw new BadParameterException(
                    parameter, "cannot parse \"" + s + "\" to a valid duration");
        }
        return millis;
    }

    private static final String[] UNITS = {"y", "w", "d", "h", "m", "s", "ms"};
    private static final long[] UNIT_MILLIS = {
        365L * 86_400_000, 7L * 86_400_000, 86_400_000, 3_600_000, 60_000, 1000, 1
    };

    /** {@code 1h30m} to milliseconds, or -1 when it is not duration text. */
    private static long parseDurationText(String s) {
        if (s.isEmpty()) {
            return -1;
        }
        long total = 0;
        int nextUnit = 0;
        int i = 0;
        while (i < s.length()) {
            int digitsStart = i;
            while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                i++;
            }
            if (i == digitsStart || i - digitsStart > 18) {
                return -1;
            }
            long n = Long.parseLong(s.substring(digitsStart, i));
            int unit = -1;
            for (int u = nextUnit; u < UNITS.length; u++) {
                // "ms" must win over "m" when both match.
                if (s.startsWith(UNITS[u], i)
                        && (!UNITS[u].equals("m") || !s.startsWith("ms", i))) {
                    unit = u;
                    break;
                }
            }
            if (unit < 0) {
                return -1;
            }
            i += UNITS[unit].length();
            try {
                total = Math.addExact(total, Math.multiplyExact(n, UNIT_MILLIS[unit]));
            } catch (ArithmeticException e) {
                return -1;
            }
            nextUnit = unit + 1;
        }
        return total;
    }

    /** Checks the bounds of a range query as Prometheus's {@code /api/v1/query_range} does. */
    public static void checkRange(long startMillis, long endMillis, long stepMillis)
            throws BadParameterException {
        if (endMillis < startMillis) {
            throw new BadParameterException("end", "end timestamp must not be before start time");
        }
        if (stepMillis <= 0) {
            throw new BadParameterException(
                    "step",
                    "zero or negative query resolution step widths are not accepted. Try a"
                            + " positive integer");
        }
        if ((endMillis - startMillis) / stepMillis > MAX_POINTS) {
            throw BadParameterException.unprefixed(
                    "step",
                    "exceeded maximum resolution of 11,000 points per timeseries. Try decreasing"
                            + " the query resolution (?step=XX)");
        }
    }
}
