package io.weir.promql.optimizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weir.promql.plan.logical.LogicalNode;
import io.weir.promql.plan.logical.NodeId;
import io.weir.promql.plan.logical.PlanOptions;
import io.weir.promql.plan.logical.Planner;
import io.weir.promql.plan.logical.Plans;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SharedPlansTest {
    private static LogicalNode optimized(String q) {
        return Optimizer.withDefaults(Set.of())
                .optimize(Planner.plan(q, PlanOptions.withStep(60_000)))
                .plan();
    }

    @Test
    void identicalSubPlansOfTwoViewsAreOneNode() {
        SharedPlans dag = new SharedPlans();
        SharedPlans.Registration a = dag.register("a", optimized("sum(rate(x{job=\"a\"}[5m]))"));
        // Written differently, normalised the same: the scan and the window are shared.
        SharedPlans.Registration b =
                dag.register("b", optimized("max(rate(x{job=~\"a\", env=~\".*\"}[5m]))"));
        assertEquals(List.of(), a.shared());
        LogicalNode window = optimized("rate(x{job=\"a\"}[5m])");
        assertEquals(List.of(window.inputs().get(0).id(), window.id()), b.shared());
        assertEquals(Set.of("a", "b"), dag.usersOf(window.id()));
        assertEquals(Set.of("a"), dag.usersOf(a.root()));
        assertEquals(Plans.postOrder(dag.root("a")).size() + b.added().size(), dag.nodes().size());
    }

    @Test
    void droppingAViewFreesOnlyWhatNoOtherViewUses() {
        SharedPlans dag = new SharedPlans();
        dag.register("a", optimized("sum(rate(x[5m]))"));
        SharedPlans.Registration b = dag.register("b", optimized("max(rate(x[5m]))"));
        List<NodeId> freed = dag.drop("b");
        assertEquals(new HashSet<>(b.added()), new HashSet<>(freed));
        // Readers are freed before the nodes they read.
        assertEquals(b.root(), freed.get(0));
        LogicalNode window = optimized("rate(x[5m])");
        assertEquals(Set.of("a"), dag.usersOf(window.id()));
        List<NodeId> rest = dag.drop("a");
        assertEquals(List.of(), dag.nodes());
        assertTrue(rest.contains(window.id()));
        assertNull(dag.node(window.id()));
        assertEquals(List.of(), dag.drop("a"));
    }

    @Test
    void aNodeUsedTwiceByOneViewIsCountedOnce() {
        SharedPlans dag = new SharedPlans();
        dag.register("a", optimized("rate(x[5m]) - rate(x[5m] @ end())"));
        LogicalNode window = optimized("rate(x[5m])");
        assertEquals(Set.of("a"), dag.usersOf(window.id()));
        dag.drop("a");
        assertEquals(List.of(), dag.nodes());
    }

    @Test
    void aNameIsRegisteredOnce() {
        SharedPlans dag = new SharedPlans();
        dag.register("a", optimized("x"));
        assertThrows(IllegalArgumentException.class, () -> dag.register("a", optimized("y")));
        assertEquals(List.of("a"), dag.views());
    }
}
