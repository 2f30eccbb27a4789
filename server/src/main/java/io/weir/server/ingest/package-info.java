/**
 * The server's feed: Kafka consumers that write {@code weir.metrics} into the sample store, {@code
 * weir.results} into the view store and {@code weir.queries} (views' retention and drops) into the
 * view store. Each consumer is assigned every partition of its topic, with no consumer group: it
 * resumes from the positions its store wrote in the same atomic batch as the data, so a killed
 * server neither loses nor repeats a sample or a step. {@link io.weir.server.ingest.ServerRuntime}
 * builds the stores and consumers of one server.
 */
package io.weir.server.ingest;
