package io.weir.promql.plan.physical;

import io.weir.promql.plan.logical.Absent;
import io.weir.promql.plan.logical.Aggregate;
import io.weir.promql.plan.logical.BucketFunction;
import io.weir.promql.plan.logical.EmptyScan;
import io.weir.promql.plan.logical.InstantSample;
import io.weir.promql.plan.logical.LogicalNode;
import io.weir.promql.plan.logical.NumberValue;
import io.weir.promql.plan.logical.RangeWindow;
import io.weir.promql.plan.logical.ScalarBinary;
import io.weir.promql.plan.logical.ScalarFunction;
import io.weir.promql.plan.logical.SeriesFunction;
import io.weir.promql.plan.logical.SeriesScan;
import io.weir.promql.plan.logical.Sort;
import io.weir.promql.plan.logical.StepTime;
import io.weir.promql.plan.logical.StringValue;
import io.weir.promql.plan.logical.Subquery;
import io.weir.promql.plan.logical.ToScalar;
import io.weir.promql.plan.logical.ToVector;
import io.weir.promql.plan.logical.VectorJoin;
import io.weir.promql.plan.logical.VectorScalar;

/**
 * The physical operator name and state version of each kind of node. Bump a version when the layout
 * of that operator's state changes: the uid changes with it, so old state is not misread.
 */
final class Operators {
    private Operators() {}

    record Kind(String name, int version) {}

    static Kind of(LogicalNode n) {
        if (n instanceof SeriesScan) {
            return new Kind("scan", 1);
        } else if (n instanceof EmptyScan) {
            return new Kind("empty-scan", 1);
        } else if (n instanceof InstantSample) {
            return new Kind("instant-sample", 1);
        } else if (n instanceof RangeWindow w) {
            return w.panes() == null ? new Kind("range-window", 1) : new Kind("paned-window", 1);
        } else if (n instanceof Subquery) {
            return new Kind("subquery", 1);
        } else if (n instanceof SeriesFunction) {
            return new Kind("series-function", 1);
        } else if (n instanceof VectorScalar) {
            return new Kind("vector-scalar", 1);
        } else if (n instanceof VectorJoin) {
            return new Kind("vector-join", 1);
        } else if (n instanceof Aggregate a) {
            return switch (a.phase()) {
                case SINGLE -> new Kind("aggregate", 1);
                case PARTIAL -> new Kind("partial-aggregate", 1);
                case FINAL -> new Kind("final-aggregate", 1);
            };
        } else if (n instanceof BucketFunction) {
            return new Kind("bucket-function", 1);
        } else if (n instanceof Absent) {
            return new Kind("absent", 1);
        } else if (n instanceof Sort) {
            return new Kind("sort", 1);
        } else if (n instanceof NumberValue || n instanceof StringValue) {
            return new Kind("constant", 1);
        } else if (n instanceof StepTime) {
            return new Kind("step-time", 1);
        } else if (n instanceof ScalarFunction || n instanceof ScalarBinary) {
            return new Kind("scalar-op", 1);
        } else if (n instanceof ToScalar) {
            return new Kind("to-scalar", 1);
        } else if (n instanceof ToVector) {
            return new Kind("to-vector", 1);
        }
        throw new IllegalStateException("unknown node " + n.kind());
    }
}
