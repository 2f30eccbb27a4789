package io.weir.promql.plan.logical;

/**
 * Which nodes can be computed where the input series are, one series at a time: the series stage's
 * part of a plan. A node is per series when each of its output series depends on one input series
 * and on scalars known at every step without looking at other series (constants and the step's
 * time).
 */
public final class Locality {
    private Locality() {}

    /** True when {@code n} can run on the series stage, keyed by input series. */
    public static boolean perSeries(LogicalNode n) {
        if (n instanceof SeriesScan || n instanceof EmptyScan || n instanceof InstantSample) {
            return true;
        } else if (n instanceof RangeWindow w) {
            return perSeries(w.input()) && w.params().stream().allMatch(Locality::stepLocal);
        } else if (n instanceof Subquery s) {
            return perSeries(s.input());
        } else if (n instanceof SeriesFunction f) {
            return perSeries(f.input()) && f.args().stream().allMatch(Locality::stepLocal);
        } else if (n instanceof VectorScalar v) {
            return perSeries(v.vector()) && stepLocal(v.scalar());
        } else if (n instanceof Aggregate a) {
            return a.phase() == Aggregate.Phase.PARTIAL;
        } else if (n instanceof VectorJoin
                || n instanceof BucketFunction
                || n instanceof Absent
                || n instanceof Sort
                || n instanceof ToVector
                || n instanceof NumberValue
                || n instanceof StringValue
                || n instanceof StepTime
                || n instanceof ScalarFunction
                || n instanceof ScalarBinary
                || n instanceof ToScalar) {
            return false;
        }
        throw new IllegalStateException("unknown node " + n.kind());
    }

    /** True for a scalar computable at any step from constants and the step's time alone. */
    public static boolean stepLocal(LogicalNode n) {
        if (n instanceof NumberValue || n instanceof StepTime || n instanceof StringValue) {
            return true;
        }
        if (n instanceof ScalarFunction || n instanceof ScalarBinary) {
            return n.inputs().stream().allMatch(Locality::stepLocal);
        }
        return false;
    }
}
