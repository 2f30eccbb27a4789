package io.weir.promql.plan.logical;

import java.util.List;

/**
 * A node of a logical plan: what is computed, per evaluation step, independent of where. Nodes are
 * immutable records compared by content (positions of the query text are not part of them), so that
 * the same sub-plan written in two views is one and the same node, with one {@link #id()}.
 */
public sealed interface LogicalNode
        permits SeriesScan,
                EmptyScan,
                InstantSample,
                RangeWindow,
                Subquery,
                SeriesFunction,
                VectorScalar,
                VectorJoin,
                Aggregate,
                BucketFunction,
                Absent,
                Sort,
                NumberValue,
                StringValue,
                StepTime,
                ScalarFunction,
                ScalarBinary,
                ToScalar,
                ToVector {

    /** What the node produces per step. */
    PlanType type();

    /** The nodes this one reads, in a fixed order. */
    List<LogicalNode> inputs();

    /** The same node over other inputs (same count, same order); used by rewrites. */
    LogicalNode withInputs(List<LogicalNode> inputs);

    /** The node's own attributes as canonical one-line text, without its inputs. */
    String attributes();

    /** The kind of node, e.g. {@code RangeWindow}. */
    default String kind() {
        return getClass().getSimpleName();
    }

    /** A stable id derived from the node's content and its inputs' ids. */
    default NodeId id() {
        return NodeId.of(this);
    }

    /** Checks a rewrite's input list. */
    static void checkArity(LogicalNode n, List<LogicalNode> inputs) {
        if (inputs.size() != n.inputs().size()) {
            throw new IllegalArgumentException(
                    n.kind() + " takes " + n.inputs().size() + " inputs, got " + inputs.size());
        }
    }
}
