/**
 * The logical plan of a view: records under {@link io.weir.promql.plan.logical.LogicalNode}, built
 * from the checked AST by {@link io.weir.promql.plan.logical.Planner}, printed by {@link
 * io.weir.promql.plan.logical.PlanPrinter}. See {@link io.weir.promql.plan} for the model.
 */
package io.weir.promql.plan.logical;
