/** The optimizer's rules, one class each, with a before/after example in each Javadoc. */
package io.weir.promql.optimizer.rules;
