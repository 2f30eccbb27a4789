package io.weir.promql.eval.kernel;

/**
 * The calendar functions of PromQL on a value read as unix seconds (truncated towards zero, as a Go
 * integer conversion does) in UTC, proleptic Gregorian calendar. Computed arithmetically, so no
 * objects are made per sample.
 *
 * <p>NaN, infinities and values beyond the range of a 64-bit count of seconds all stand for the
 * instant 2^63 seconds after the epoch (a Sunday in December of year 292277026596), which is what
 * Prometheus on amd64 computes for them: Go converts such a float to the smallest int64, and its
 * date arithmetic then wraps around by 2^64 seconds.
 */
final class CalendarFunctions {
    static final int YEAR = 0;
    static final int MONTH = 1;
    static final int DAY = 2;
    private static final long SECONDS_PER_DAY = 86_400;
    // 2^63: a double below this (and at least -2^63) converts to a long without clamping. The
    // day arithmetic below stays far from overflow for every long.
    private static final double LIMIT = 0x1p63;
    // 2^63 seconds after the epoch, as days and second of the day.
    private static final long WRAPPED_DAYS = 106_751_991_167_300L;
    private static final long WRAPPED_SECOND_OF_DAY = 55_808;

    private CalendarFunctions() {}

    static double dayOfMonth(double v) {
        return civil(days(v), DAY);
    }

    static double month(double v) {
        return civil(days(v), MONTH);
    }

    static double year(double v) {
        return civil(days(v), YEAR);
    }

    /** Sunday is 0. */
    static double dayOfWeek(double v) {
        // 1970-01-01 was a Thursday (4).
        return Math.floorMod(days(v) + 4, 7L);
    }

    static double dayOfYear(double v) {
        long days = days(v);
        return days - daysFromCivil(civil(days, YEAR), 1, 1) + 1;
    }

    static double daysInMonth(double v) {
        long days = days(v);
        return lengthOfMonth(civil(days, YEAR), (int) civil(days, MONTH));
    }

    static double hour(double v) {
        return Math.floorDiv(secondOfDay(v), 3600L);
    }

    static double minute(double v) {
        return Math.floorDiv(Math.floorMod(secondOfDay(v), 3600L), 60L);
    }

    private static boolean valid(double v) {
        return v >= -LIMIT && v < LIMIT;
    }

    private static long days(double v) {
        return valid(v) ? Math.floorDiv((long) v, SECONDS_PER_DAY) : WRAPPED_DAYS;
    }

    private static long secondOfDay(double v) {
        return valid(v) ? Math.floorMod((long) v, SECONDS_PER_DAY) : WRAPPED_SECOND_OF_DAY;
    }

    static int lengthOfMonth(long year, int month) {
        return switch (month) {
            case 2 -> isLeap(year) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    private static boolean isLeap(long y) {
        return Math.floorMod(y, 4L) == 0
                && (Math.floorMod(y, 100L) != 0 || Math.floorMod(y, 400L) == 0);
    }

    /**
     * The year, month (1-12) or day (1-31) of a day count since 1970-01-01, by the era-based method
     * (400-year eras of 146097 days, years starting in March).
     */
    static long civil(long days, int field) {
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097L);
        long doe = z - era * 146_097;
        long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        long d = doy - (153 * mp + 2) / 5 + 1;
        long m = mp < 10 ? mp + 3 : mp - 9;
        if (field == DAY) {
            return d;
        }
        if (field == MONTH) {
            return m;
        }
        return yoe + era * 400 + (m <= 2 ? 1 : 0);
    }

    /** The inverse of {@link #civil}. */
    static long daysFromCivil(long y, long m, long d) {
        y -= m <= 2 ? 1 : 0;
        long era = Math.floorDiv(y, 400L);
        long yoe = y - era * 400;
        long mp = m > 2 ? m - 3 : m + 9;
        long doy = (153 * mp + 2) / 5 + d - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146_097 + doe - 719_468;
    }
}
