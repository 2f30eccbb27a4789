package io.weir.promql.plan.logical;

/**
 * What a view's plan depends on besides its query.
 *
 * @param stepMillis the view's step: it is evaluated at every {@code t = k * step}
 * @param lookbackMillis how far an instant selector looks back (Prometheus: 5m)
 * @param defaultSubqueryStepMillis the step of {@code expr[30m:]} (Prometheus: the global
 *     evaluation interval, 1m)
 */
public record PlanOptions(long stepMillis, long lookbackMillis, long defaultSubqueryStepMillis) {
    public PlanOptions {
        Check.positive(stepMillis, "step");
        Check.positive(lookbackMillis, "lookback");
        Check.positive(defaultSubqueryStepMillis, "default subquery step");
    }

    /** Prometheus's defaults with the given step. */
    public static PlanOptions withStep(long stepMillis) {
        return new PlanOptions(stepMillis, 300_000L, 60_000L);
    }
}
