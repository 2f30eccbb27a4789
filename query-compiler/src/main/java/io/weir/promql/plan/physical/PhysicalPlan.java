package io.weir.promql.plan.physical;

import io.weir.promql.plan.logical.NodeId;
import java.util.ArrayList;
import java.util.List;

/**
 * The physical plan of all registered views: every node once, inputs before readers, each placed on
 * a stage with its key and tagged with the views that use it. Pure data: records, lists, strings
 * and numbers, which the job serialises and the Flink translator consumes.
 */
public record PhysicalPlan(List<PhysicalView> views, List<PhysicalNode> nodes) {
    public PhysicalPlan {
        views = List.copyOf(views);
        nodes = List.copyOf(nodes);
    }

    /** The node of an id, or null. */
    public PhysicalNode node(NodeId id) {
        for (PhysicalNode n : nodes) {
            if (n.id().equals(id)) {
                return n;
            }
        }
        return null;
    }

    /** The nodes of one stage, in plan order. */
    public List<PhysicalNode> onStage(Stage s) {
        List<PhysicalNode> out = new ArrayList<>();
        for (PhysicalNode n : nodes) {
            if (n.stage() == s) {
                out.add(n);
            }
        }
        return out;
    }

    /** The nodes used by more than one view. */
    public List<PhysicalNode> shared() {
        List<PhysicalNode> out = new ArrayList<>();
        for (PhysicalNode n : nodes) {
            if (n.shared()) {
                out.add(n);
            }
        }
        return out;
    }

    /** The sum of every node's cost. */
    public Cost totalCost() {
        Cost c = Cost.ZERO;
        for (PhysicalNode n : nodes) {
            c = c.plus(n.cost());
        }
        return c;
    }
}
