package io.weir.search.ast;

/** Prometheus-style durations ({@code 1h30m}, {@code 500ms}) to and from milliseconds. */
public final class Durations {
    private static final String[] UNITS = {"y", "w", "d", "h", "m", "s", "ms"};
    private static final long[] MILLIS = {
        365L * 24 * 3600_000, 7L * 24 * 3600_000, 24L * 3600_000, 3600_000, 60_000, 1000, 1
    };

    private Durations() {}

    /**
     * Parses a sequence of {@code <digits><unit>}; units are {@code y w d h m s ms}.
     *
     * @throws IllegalArgumentException when the text is not a duration or overflows
     */
    public static long parse(String text) {
        String s = text.toLowerCase(java.util.Locale.ROOT);
        long total = 0;
        int i = 0;
        if (s.isEmpty()) {
            throw new IllegalArgumentException("empty duration");
        }
        while (i < s.length()) {
            int start = i;
            while (i < s.length() && Character.isDigit(s.charAt(i))) {
                i++;
            }
            if (start == i) {
                throw new IllegalArgumentException("bad duration " + text);
            }
            long n = Long.parseLong(s.substring(start, i));
            long unit;
            if (s.startsWith("ms", i)) {
                unit = 1;
                i += 2;
            } else if (i < s.length()) {
                unit = unitMillis(s.charAt(i), text);
                i++;
            } else {
                throw new IllegalArgumentException("bad duration " + text);
            }
            total = Math.addExact(total, Math.multiplyExact(n, unit));
        }
        return total;
    }

    private static long unitMillis(char c, String text) {
        return switch (c) {
            case 'y' -> MILLIS[0];
            case 'w' -> MILLIS[1];
            case 'd' -> MILLIS[2];
            case 'h' -> MILLIS[3];
            case 'm' -> MILLIS[4];
            case 's' -> MILLIS[5];
            default -> throw new IllegalArgumentException("bad duration " + text);
        };
    }

    /** The shortest text of a positive duration in whole units, largest first. */
    public static String format(long millis) {
        StringBuilder sb = new StringBuilder();
        long rest = millis;
        for (int u = 0; u < UNITS.length; u++) {
            if (rest >= MILLIS[u]) {
                sb.append(rest / MILLIS[u]).append(UNITS[u]);
                rest %= MILLIS[u];
            }
        }
        return sb.length() == 0 ? "0s" : sb.toString();
    }
}
