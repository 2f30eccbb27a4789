/**
 * Record formats of Weir's Kafka topics, free of Flink: the compact binary sample batches of {@code
 * weir.metrics} ({@link io.weir.connectors.codec.MetricBatchCodec}), the decoders chosen per topic
 * ({@link io.weir.connectors.codec.MetricFormat}: binary, Prometheus text, OpenMetrics, JSON), the
 * results of {@code weir.results} ({@link io.weir.connectors.codec.ResultCodec}) and the
 * registrations of {@code weir.queries} ({@link io.weir.connectors.codec.QueryControlCodec}). Byte
 * layouts are in {@code connectors/FORMATS.md}. Decoding bad bytes is a checked {@link
 * io.weir.connectors.codec.CorruptRecordException} or a {@link
 * io.weir.connectors.codec.Decoded.Failed}, never another exception.
 */
package io.weir.connectors.codec;
