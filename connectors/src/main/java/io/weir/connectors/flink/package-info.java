/**
 * Flink glue of the connectors: per-partition event-time watermarks ({@link
 * io.weir.connectors.flink.MetricWatermarks}), the operator that splits dead letters off after the
 * source ({@link io.weir.connectors.flink.SplitDeadLetters}), and serializers with type information
 * for Weir's stream records ({@link io.weir.connectors.flink.WeirTypes}) so Flink never falls back
 * to Kryo for them.
 */
package io.weir.connectors.flink;
