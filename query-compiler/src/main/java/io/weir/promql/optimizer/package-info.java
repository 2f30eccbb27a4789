/**
 * The rule-based optimizer: the rule contract ({@link io.weir.promql.optimizer.Rule}), the one
 * ordered rule list ({@link io.weir.promql.optimizer.OptimizerRules}), the fixed-point driver with
 * its invariant check ({@link io.weir.promql.optimizer.Optimizer}), matcher cost estimates, and the
 * DAG that shares identical sub-plans across views ({@link io.weir.promql.optimizer.SharedPlans}).
 */
package io.weir.promql.optimizer;
