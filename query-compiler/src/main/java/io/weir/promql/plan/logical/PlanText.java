package io.weir.promql.plan.logical;

import io.weir.promql.ast.LabelMatcher;
import io.weir.promql.model.Labels;
import java.util.List;

/** Canonical text of attributes: durations as PromQL writes them, quoted strings, numbers. */
public final class PlanText {
    private PlanText() {}

    private static final long[] UNITS = {
        365L * 24 * 3600_000, 7L * 24 * 3600_000, 24L * 3600_000, 3600_000, 60_000, 1000, 1
    };
    private static final String[] NAMES = {"y", "w", "d", "h", "m", "s", "ms"};

    /** {@code 90000} as {@code 1m30s}, {@code 0} as {@code 0s}, negatives with a sign. */
    public static String duration(long millis) {
        if (millis == 0) {
            return "0s";
        }
        StringBuilder sb = new StringBuilder();
        long ms = millis;
        if (ms < 0) {
            sb.append('-');
            ms = -ms;
        }
        for (int i = 0; i < UNITS.length; i++) {
            if (ms >= UNITS[i]) {
                sb.append(ms / UNITS[i]).append(NAMES[i]);
                ms %= UNITS[i];
            }
        }
        return sb.toString();
    }

    /** A string in double quotes with Go escapes. */
    public static String quote(String s) {
        StringBuilder sb = new StringBuilder();
        Labels.quote(sb, s);
        return sb.toString();
    }

    /** A number as Go's %g would write it in PromQL (shortest round-trip form). */
    public static String number(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == 0 && Double.doubleToRawLongBits(v) != 0) {
            return "-0";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    /** Matchers as written in braces: {@code a="x", b=~"y"}. */
    public static String matchers(List<LabelMatcher> ms) {
        StringBuilder sb = new StringBuilder();
        for (LabelMatcher m : ms) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(m.name()).append(m.op().symbol());
            Labels.quote(sb, m.value());
        }
        return sb.toString();
    }

    /** A list of names in parentheses: {@code (a, b)}. */
    public static String names(List<String> names) {
        return "(" + String.join(", ", names) + ")";
    }
}
