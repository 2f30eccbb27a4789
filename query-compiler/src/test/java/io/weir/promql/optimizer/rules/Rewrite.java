package io.weir.promql.optimizer.rules;

import io.weir.promql.optimizer.Optimizer;
import io.weir.promql.optimizer.OptimizerRules;
import io.weir.promql.optimizer.Rule;
import io.weir.promql.plan.logical.LogicalNode;
import io.weir.promql.plan.logical.PlanOptions;
import io.weir.promql.plan.logical.PlanPrinter;
import io.weir.promql.plan.logical.Planner;
import java.util.List;

/** Plan text in, plan text out: a query is planned, one rule runs to a fixed point, printed. */
final class Rewrite {
    private Rewrite() {}

    static LogicalNode plan(String query, long stepMillis) {
        return Planner.plan(query, PlanOptions.withStep(stepMillis));
    }

    static String before(String query) {
        return PlanPrinter.print(plan(query, 60_000));
    }

    static String after(Rule rule, String query) {
        return after(rule, query, 60_000);
    }

    static String after(Rule rule, String query, long stepMillis) {
        return PlanPrinter.print(apply(rule, plan(query, stepMillis)));
    }

    static LogicalNode apply(Rule rule, LogicalNode plan) {
        Optimizer o =
                new Optimizer(
                        List.of(new OptimizerRules.Stage("test", List.of(rule))),
                        Optimizer.DEFAULT_MAX_PASSES);
        return o.optimize(plan).plan();
    }
}
