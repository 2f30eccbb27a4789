package io.weir.promql.plan.physical;

import io.weir.promql.optimizer.SharedPlans;
import io.weir.promql.plan.logical.InstantSample;
import io.weir.promql.plan.logical.LogicalNode;
import io.weir.promql.plan.logical.NodeId;
import io.weir.promql.plan.logical.RangeWindow;
import io.weir.promql.plan.logical.Subquery;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Places the nodes of the shared DAG on the job's stages, with keys, versions and costs. */
public final class PhysicalPlanner {
    private PhysicalPlanner() {}

    public static PhysicalPlan plan(SharedPlans shared, List<CompiledView> views) {
        Map<LogicalNode, Cost> costs = new HashMap<>();
        List<PhysicalNode> nodes = new ArrayList<>();
        for (LogicalNode n : shared.nodes()) {
            Cost c = CostModel.of(n, costs);
            costs.put(n, c);
            Placement.Place place = Placement.of(n);
            Operators.Kind kind = Operators.of(n);
            List<NodeId> inputs = new ArrayList<>();
            for (LogicalNode in : n.inputs()) {
                inputs.add(in.id());
            }
            NodeId id = n.id();
            nodes.add(
                    new PhysicalNode(
                            id,
                            kind.name(),
                            kind.version(),
                            place.stage(),
                            place.key(),
                            n.attributes(),
                            inputs,
                            shared.usersOf(id),
                            c,
                            n));
        }
        List<PhysicalView> out = new ArrayList<>();
        for (CompiledView v : views) {
            out.add(
                    new PhysicalView(
                            v.name(),
                            v.query(),
                            v.stepMillis(),
                            v.plan().id(),
                            Math.max(0, lookahead(v.plan())),
                            v.optimized().fired()));
        }
        return new PhysicalPlan(out, nodes);
    }

    /** Plans one view on its own (what EXPLAIN of a single query shows). */
    public static PhysicalPlan plan(CompiledView view) {
        SharedPlans shared = new SharedPlans();
        shared.register(view.name(), view.plan());
        return plan(shared, List.of(view));
    }

    /**
     * How far past a step's time the plan reads data: the largest negative offset, summed through
     * subqueries; negative or {@link Long#MIN_VALUE} when it reads only the past.
     */
    static long lookahead(LogicalNode n) {
        if (n instanceof InstantSample s) {
            return -s.offsetMillis();
        }
        if (n instanceof RangeWindow w) {
            long self = -w.offsetMillis();
            if (w.input() instanceof Subquery sq) {
                long inner = lookahead(sq.input());
                return inner == Long.MIN_VALUE ? inner : self + inner;
            }
            return self;
        }
        long max = Long.MIN_VALUE;
        for (LogicalNode in : n.inputs()) {
            max = Math.max(max, lookahead(in));
        }
        return max;
    }
}
