package io.weir.job;

/**
 * A registration or a drop from the queries topic, as it travels on the broadcast stream. Every
 * subtask of every stage compiles the query itself; compilation is deterministic, so all agree.
 *
 * @param name the view name
 * @param query the PromQL text; null for a drop
 * @param stepMillis the view's step
 * @param latenessMillis how long after a step's time its result waits for late samples
 * @param registeredAtMillis the registration record's Kafka timestamp: the view starts at the first
 *     step after it, on every subtask and after every restart alike
 */
public record ViewSpec(
        String name, String query, long stepMillis, long latenessMillis, long registeredAtMillis) {

    /**
     * Not a view: the queries source's sign that it has read a partition to where it ended at start
     * (see {@link QueriesSource}); it never leaves the source.
     */
    static final ViewSpec CAUGHT_UP = new ViewSpec("", "", 0, 0, Long.MIN_VALUE);

    /** True for {@link #CAUGHT_UP}. */
    boolean isCaughtUp() {
        return name.isEmpty() && registeredAtMillis == Long.MIN_VALUE;
    }

    /** A drop of the view {@code name}. */
    public static ViewSpec drop(String name, long atMillis) {
        return new ViewSpec(name, null, 0, 0, atMillis);
    }

    /** True for a drop. */
    public boolean isDrop() {
        return query == null;
    }

    /** The first step of the view: the first multiple of the step after its registration. */
    public long firstStep() {
        return Math.floorDiv(registeredAtMillis, stepMillis) * stepMillis + stepMillis;
    }
}
