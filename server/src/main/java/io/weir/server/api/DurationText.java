package io.weir.server.api;

/** Writes milliseconds as Prometheus writes a duration: {@code 1h30m}, {@code 15s}, {@code 0s}. */
public final class DurationText {
    private static final String[] UNITS = {"y", "w", "d", "h", "m", "s", "ms"};
    private static final long[] MILLIS = {
        365L * 86_400_000, 7L * 86_400_000, 86_400_000, 3_600_000, 60_000, 1000, 1
    };

    private DurationText() {}

    public static String format(long millis) {
        if (millis == 0) {
            return "0s";
        }
        StringBuilder sb = new StringBuilder();
        if (millis < 0) {
            sb.append('-');
            millis = -millis;
        }
        for (int i = 0; i < UNITS.length; i++) {
            long n = millis / MILLIS[i];
            if (n > 0) {
                sb.append(n).append(UNITS[i]);
                millis -= n * MILLIS[i];
            }
        }
        return sb.toString();
    }
}
