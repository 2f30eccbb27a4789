/**
 * Types and checks of PromQL expressions: the function signature table ({@link
 * io.weir.promql.analysis.Functions}), the type of an expression ({@link
 * io.weir.promql.analysis.Types}) and the type checker ({@link io.weir.promql.analysis.Checker}),
 * all following Prometheus 3.x.
 */
package io.weir.promql.analysis;
