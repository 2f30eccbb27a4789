/**
 * The physical plan: nodes of the shared DAG of all views placed on the job's stages with keys,
 * operator names, versions and costs ({@link io.weir.promql.plan.physical.PhysicalPlanner}), and
 * the entry points the job uses: {@link io.weir.promql.plan.physical.ViewCompiler} (query to
 * optimized plan) and {@link io.weir.promql.plan.physical.ViewCatalog} (register, drop, plan of all
 * views).
 */
package io.weir.promql.plan.physical;
