package io.weir.promql.plan.physical;

import io.weir.promql.plan.logical.LogicalNode;
import io.weir.promql.plan.logical.NodeId;
import java.util.List;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * One logical node placed on a stage of the job: engine-neutral data that the Flink translator
 * turns into (part of) an operator.
 *
 * @param id the logical node's id
 * @param name the operator kind, e.g. {@code range-window}
 * @param version the version of that operator's state layout; with the name and id it makes the
 *     stable operator uid, so state survives restarts and upgrades
 * @param operator the node's attributes (function, range, grouping, ...) as canonical text
 * @param inputs the ids of the nodes it reads, in order
 * @param views the views that use it (more than one: shared)
 * @param logical the logical node itself, for the translator to read its attributes from
 */
public record PhysicalNode(
        NodeId id,
        String name,
        int version,
        Stage stage,
        StageKey key,
        String operator,
        List<NodeId> inputs,
        SortedSet<String> views,
        Cost cost,
        LogicalNode logical) {
    public PhysicalNode {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(logical, "logical");
        inputs = List.copyOf(inputs);
        views = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(views));
    }

    /** The stable uid of the operator state of this node: name, version and id. */
    public String uid() {
        return name + "-v" + version + "-" + id;
    }

    public boolean shared() {
        return views.size() > 1;
    }
}
