/**
 * Prometheus's HTTP query API over a {@link io.weir.promql.eval.SampleStore}, served by the JDK's
 * built-in HTTP server: instant and range queries, series, label names and values, build info,
 * metadata, and the server's own metrics, with Prometheus's JSON shapes, error types and status
 * codes.
 */
package io.weir.server.http;
