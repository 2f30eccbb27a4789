package io.weir.connectors.codec;

/**
 * Turns one record of a metrics topic into samples or a failure. Implementations never throw on bad
 * input: every problem with the bytes is a {@link Decoded.Failed}.
 */
@FunctionalInterface
public interface MetricDecoder {
    /**
     * Decodes one record.
     *
     * @param key the record key, or {@code null}
     * @param value the record value, or {@code null}
     * @param recordTimestamp the record's Kafka timestamp, the time of samples written without one
     *     in text formats
     */
    Decoded decode(byte[] key, byte[] value, long recordTimestamp);
}
