/**
 * Prometheus's HTTP API served by the JDK's built-in HTTP server: instant and range queries
 * (answered from views where they cover the query, through the results cache), series, label names
 * and values, build info, metadata, the server's own metrics; plus the views API, recording rules,
 * import and live push, with Prometheus's JSON shapes, error types and status codes. {@code
 * server/API.md} lists the endpoints.
 */
package io.weir.server.http;
