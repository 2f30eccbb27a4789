package io.weir.promql.plan.logical;

/**
 * How a sliding window is cut into panes: windows of range R evaluated every step S overlap, and
 * every window is a union of {@code R / size} consecutive panes of {@code size = gcd(R, S)}, so
 * each sample is stored (or folded) once, in one pane, instead of once per window.
 *
 * @param sizeMillis the pane length, {@code gcd(range, step)}
 * @param perWindow how many panes make one window, {@code range / size}
 * @param mode whether a pane keeps its samples or a mergeable summary of them
 */
public record Panes(long sizeMillis, long perWindow, Mode mode) {
    /** What a pane holds. */
    public enum Mode {
        /** The pane's samples; the function's kernel runs over the window's panes. */
        SAMPLES,
        /** A mergeable summary (sum, count, min, ...); a window merges its panes' summaries. */
        PARTIAL_STATE
    }

    public Panes {
        Check.positive(sizeMillis, "pane size");
        Check.positive(perWindow, "panes per window");
    }

    @Override
    public String toString() {
        return "panes=" + perWindow + "x" + PlanText.duration(sizeMillis) + "/" + mode;
    }
}
