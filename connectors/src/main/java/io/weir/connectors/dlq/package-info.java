/**
 * The dead-letter path to {@code weir.dlq}: {@link io.weir.connectors.dlq.DeadLetter} (original
 * bytes, origin, reason, message), the side-output tag every operator uses ({@link
 * io.weir.connectors.dlq.DeadLetters#TAG}), the per-reason Flink counters ({@link
 * io.weir.connectors.dlq.DeadLetterCounters}) and the record layout ({@link
 * io.weir.connectors.dlq.DeadLetterHeaders}).
 */
package io.weir.connectors.dlq;
