/**
 * A client of the Weir server's HTTP API ({@link io.weir.server.client.WeirClient}: views, queries,
 * import) and of Flink's REST API for submitting the job ({@link
 * io.weir.server.client.FlinkRestClient}). The {@code weir} commands that talk to a running server
 * or cluster are built on these.
 */
package io.weir.server.client;
