/** EXPLAIN of physical plans as text and as JSON. */
package io.weir.promql.explain;
