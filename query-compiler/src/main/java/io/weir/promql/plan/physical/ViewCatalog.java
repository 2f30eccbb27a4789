package io.weir.promql.plan.physical;

import io.weir.promql.optimizer.SharedPlans;
import io.weir.promql.plan.logical.NodeId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The registered views of one job: compiles a view on registration, adds its plan to the shared DAG
 * (where identical sub-plans of different views become one node), frees what a dropped view alone
 * used, and gives the physical plan of everything registered.
 */
public final class ViewCatalog {
    private final ViewCompiler compiler;
    private final SharedPlans shared = new SharedPlans();
    private final Map<String, CompiledView> views = new LinkedHashMap<>();

    public ViewCatalog(ViewCompiler compiler) {
        this.compiler = compiler;
    }

    /**
     * Compiles and adds a view. Nothing changes when compilation fails.
     *
     * @throws io.weir.promql.PromqlException when the query does not compile
     * @throws IllegalArgumentException when the name is taken
     */
    public SharedPlans.Registration register(String name, String query, long stepMillis) {
        if (views.containsKey(name)) {
            throw new IllegalArgumentException("view " + name + " is already registered");
        }
        CompiledView v = compiler.compile(name, query, stepMillis);
        SharedPlans.Registration r = shared.register(name, v.plan());
        views.put(name, v);
        return r;
    }

    /** Drops a view; returns the nodes freed (used by no other view). */
    public List<NodeId> drop(String name) {
        views.remove(name);
        return shared.drop(name);
    }

    public SharedPlans shared() {
        return shared;
    }

    public List<CompiledView> views() {
        return List.copyOf(views.values());
    }

    public PhysicalPlan physicalPlan() {
        return PhysicalPlanner.plan(shared, views());
    }
}
