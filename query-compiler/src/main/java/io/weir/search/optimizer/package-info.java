/**
 * The series search optimizer: {@link io.weir.search.optimizer.Optimizer#rules} is the ordered rule
 * list (rules in {@code optimizer.rules}, one class each); {@link
 * io.weir.search.optimizer.CostModel} estimates from index statistics.
 */
package io.weir.search.optimizer;
