package io.weir.promql.plan.physical;

/**
 * Rough estimates for one node, from simple assumptions ({@link CostModel}) rather than statistics:
 * enough to compare plans and to show where state and work go.
 *
 * @param series output series (or groups)
 * @param stateBytes keyed state held
 * @param cpuPerStep work units per evaluation step (about one per sample or record touched)
 */
public record Cost(double series, double stateBytes, double cpuPerStep) {
    public static final Cost ZERO = new Cost(0, 0, 0);

    public Cost plus(Cost o) {
        return new Cost(series + o.series, stateBytes + o.stateBytes, cpuPerStep + o.cpuPerStep);
    }
}
