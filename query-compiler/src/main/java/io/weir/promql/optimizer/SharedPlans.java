package io.weir.promql.optimizer;

import io.weir.promql.plan.logical.LogicalNode;
import io.weir.promql.plan.logical.NodeId;
import io.weir.promql.plan.logical.Plans;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The plans of all registered views as one DAG: a node that several views contain (by content, so
 * by {@link NodeId}) is held once, with the set of views that use it. Registering a view adds the
 * nodes no other view has; dropping one frees exactly the nodes no remaining view uses. This is how
 * identical sub-plans of different views run once: the job keeps one operator (and its state) per
 * node here.
 *
 * <p>Not thread-safe: the job's registry applies registrations one at a time, in topic order.
 */
public final class SharedPlans {
    private final Map<NodeId, LogicalNode> nodes = new LinkedHashMap<>();
    private final Map<NodeId, SortedSet<String>> users = new LinkedHashMap<>();
    private final Map<String, LogicalNode> roots = new LinkedHashMap<>();

    /**
     * What registering a view changed.
     *
     * @param added the nodes that are new, inputs first: the job must start them
     * @param shared the nodes other views already had: the job reuses them
     */
    public record Registration(NodeId root, List<NodeId> added, List<NodeId> shared) {
        public Registration {
            added = List.copyOf(added);
            shared = List.copyOf(shared);
        }
    }

    /**
     * Adds a view's optimized plan.
     *
     * @throws IllegalArgumentException when a view of that name is registered (drop it first)
     */
    public Registration register(String view, LogicalNode root) {
        if (roots.containsKey(view)) {
            throw new IllegalArgumentException("view " + view + " is already registered");
        }
        List<NodeId> added = new ArrayList<>();
        List<NodeId> shared = new ArrayList<>();
        for (LogicalNode n : Plans.postOrder(root)) {
            NodeId id = n.id();
            SortedSet<String> u = users.get(id);
            if (u == null) {
                nodes.put(id, n);
                u = new TreeSet<>();
                users.put(id, u);
                added.add(id);
            } else {
                shared.add(id);
            }
            u.add(view);
        }
        roots.put(view, root);
        return new Registration(root.id(), added, shared);
    }

    /**
     * Removes a view; returns the nodes that no other view uses, which the job frees (readers
     * before their inputs). Dropping an unknown view frees nothing.
     */
    public List<NodeId> drop(String view) {
        LogicalNode root = roots.remove(view);
        if (root == null) {
            return List.of();
        }
        List<NodeId> freed = new ArrayList<>();
        for (LogicalNode n : Plans.postOrder(root)) {
            NodeId id = n.id();
            SortedSet<String> u = users.get(id);
            u.remove(view);
            if (u.isEmpty()) {
                users.remove(id);
                nodes.remove(id);
                freed.add(id);
            }
        }
        Collections.reverse(freed);
        return freed;
    }

    /** The views that use a node (empty when the node is not held). */
    public SortedSet<String> usersOf(NodeId id) {
        SortedSet<String> u = users.get(id);
        return u == null ? Collections.emptySortedSet() : Collections.unmodifiableSortedSet(u);
    }

    /** The node of an id, or null. */
    public LogicalNode node(NodeId id) {
        return nodes.get(id);
    }

    /** Every held node, inputs before readers. */
    public List<LogicalNode> nodes() {
        return List.copyOf(nodes.values());
    }

    /** The root of a view's plan, or null. */
    public LogicalNode root(String view) {
        return roots.get(view);
    }

    /** The registered views, in registration order. */
    public List<String> views() {
        return List.copyOf(roots.keySet());
    }
}
