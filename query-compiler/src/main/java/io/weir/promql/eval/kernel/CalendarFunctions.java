package io.weir.promql.eval.kernel;

/**
 * The calendar functions of PromQL on a value read as unix seconds (truncated towards zero, as a Go
 * integer conversion does) in UTC, proleptic Gregorian calendar. Computed arithmetically, so no
 * objects are made per sample.
 *
 * <p>Values that are not finite or lie beyond ±1e16 seconds (about 300 million years) have no
 * calendar date here; the functions return NaN for them (Prometheus converts such values to an
 * arbitrary instant).
 */
final class CalendarFunctions {
    static final int YEAR = 0;
    static final int MONTH = 1;
    static final int DAY = 2;
    private static final long SECONDS_PER_DAY = 86_400;
    // Far enough from the long range that the day arithmetic below cannot overflow.
    private static final double LIMIT = 1e16;

    private CalendarFunctions() {}

    static double dayOfMonth(double v) {
        return valid(v) ? civil(days(v), DAY) : Double.NaN;
    }

    static double month(double v) {
        return valid(v) ? civil(days(v), MONTH) : Double.NaN;
    }

    static double year(double v) {
        return valid(v) ? civil(days(v), YEAR) : Double.NaN;
    }

    /** Sunday is 0. */
    static double dayOfWeek(double v) {
        if (!valid(v)) {
            return Double.NaN;
        }
        // 1970-01-01 was a Thursday (4).
        return Math.floorMod(days(v) + 4, 7L);
    }

    static double dayOfYear(double v) {
        if (!valid(v)) {
            return Double.NaN;
        }
        long days = days(v);
        return days - daysFromCivil(civil(days, YEAR), 1, 1) + 1;
    }

    static double daysInMonth(double v) {
        if (!valid(v)) {
            return Double.NaN;
        }
        long days = days(v);
        return lengthOfMonth(civil(days, YEAR), (int) civil(days, MONTH));
    }

    static double hour(double v) {
        return valid(v) ? Math.floorMod(seconds(v), SECONDS_PER_DAY) / 3600 : Double.NaN;
    }

    static double minute(double v) {
        return valid(v) ? Math.floorMod(seconds(v), 3600L) / 60 : Double.NaN;
    }

    private static boolean valid(double v) {
        return v > -LIMIT && v < LIMIT;
    }

    private static long seconds(double v) {
        return (long) v;
    }

    private static long days(double v) {
        return Math.floorDiv(seconds(v), SECONDS_PER_DAY);
    }

    static int lengthOfMonth(long year, int month) {
        switch (month) {
            case 2:
                return isLeap(year) ? 29 : 28;
            case 4:
            case 6:
            case 9:
            case 11:
                return 30;
            default:
                return 31;
        }
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
