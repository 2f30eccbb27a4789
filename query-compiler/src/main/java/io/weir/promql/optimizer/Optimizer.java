package io.weir.promql.optimizer;

import io.weir.promql.plan.logical.LogicalNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Runs the rules of {@link OptimizerRules} over a plan. Each stage runs passes to a fixed point (a
 * pass offers every node, inputs first, to every rule of the stage in order) with a cap on the
 * number of passes, and checks the {@link PlanInvariant} after every rule that fires.
 */
public final class Optimizer {
    /** Enough for any rule list whose rules each remove the shape they rewrite. */
    public static final int DEFAULT_MAX_PASSES = 16;

    private final List<OptimizerRules.Stage> stages;
    private final int maxPasses;

    public Optimizer(List<OptimizerRules.Stage> stages, int maxPasses) {
        if (maxPasses < 1) {
            throw new IllegalArgumentException("max passes must be at least 1: " + maxPasses);
        }
        this.stages = List.copyOf(stages);
        this.maxPasses = maxPasses;
    }

    /** The default rule list without the rules named in {@code disabled}. */
    public static Optimizer withDefaults(Set<String> disabled) {
        return new Optimizer(OptimizerRules.stages(disabled), DEFAULT_MAX_PASSES);
    }

    public OptimizerResult optimize(LogicalNode plan) {
        List<String> fired = new ArrayList<>();
        int passes = 0;
        boolean fixedPoint = true;
        LogicalNode current = plan;
        for (OptimizerRules.Stage stage : stages) {
            boolean changed = true;
            int stagePasses = 0;
            while (changed && stagePasses < maxPasses) {
                int before = fired.size();
                current = pass(current, stage.rules(), fired);
                changed = fired.size() > before;
                stagePasses++;
            }
            passes += stagePasses;
            fixedPoint &= !changed;
        }
        return new OptimizerResult(current, fired, passes, fixedPoint);
    }

    /**
     * One pass, inputs first. A sub-plan that occurs more than once (by content) is rewritten once:
     * it is one node of the DAG the plan stands for.
     */
    private static LogicalNode pass(LogicalNode plan, List<Rule> rules, List<String> fired) {
        return pass(plan, rules, fired, new HashMap<>());
    }

    private static LogicalNode pass(
            LogicalNode node,
            List<Rule> rules,
            List<String> fired,
            Map<LogicalNode, LogicalNode> done) {
        LogicalNode known = done.get(node);
        if (known != null) {
            return known;
        }
        List<LogicalNode> inputs = new ArrayList<>();
        boolean changed = false;
        for (LogicalNode in : node.inputs()) {
            LogicalNode r = pass(in, rules, fired, done);
            changed |= r != in;
            inputs.add(r);
        }
        LogicalNode n = changed ? node.withInputs(inputs) : node;
        for (Rule rule : rules) {
            Optional<LogicalNode> r = rule.apply(n);
            if (r.isPresent() && !r.get().equals(n)) {
                PlanInvariant.check(rule.name(), n, r.get());
                fired.add(rule.name());
                n = r.get();
            }
        }
        done.put(node, n);
        return n;
    }
}
