/**
 * The Flink Kafka connector configured for Weir: the metrics source ({@link
 * io.weir.connectors.kafka.MetricsSource}, {@code read_committed}, decoding per topic and never
 * failing on bad input) and the transactional sinks ({@link
 * io.weir.connectors.kafka.ExactlyOnceSink} for results and dead letters).
 */
package io.weir.connectors.kafka;
