package io.weir.connectors.dlq;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The {@code weir.dlq} record: key and value are the original record's bytes, unchanged, so a fixed
 * record can be replayed as it was; where it came from and why it failed travel in headers (layout
 * in {@code connectors/FORMATS.md}).
 */
public final class DeadLetterHeaders {
    public static final String REASON = "weir.dlq.reason";
    public static final String MESSAGE = "weir.dlq.message";
    public static final String TOPIC = "weir.dlq.topic";
    public static final String PARTITION = "weir.dlq.partition";
    public static final String OFFSET = "weir.dlq.offset";
    public static final String TIMESTAMP = "weir.dlq.timestamp";

    private DeadLetterHeaders() {}

    static Headers of(DeadLetter d) {
        RecordHeaders h = new RecordHeaders();
        h.add(REASON, utf8(d.reason().code()));
        h.add(MESSAGE, utf8(d.message()));
        h.add(TOPIC, utf8(d.topic()));
        h.add(PARTITION, ByteBuffer.allocate(4).putInt(d.partition()).array());
        h.add(OFFSET, ByteBuffer.allocate(8).putLong(d.offset()).array());
        h.add(TIMESTAMP, ByteBuffer.allocate(8).putLong(d.timestamp()).array());
        return h;
    }

    /**
     * Reads a record of {@code weir.dlq} back.
     *
     * @throws IllegalArgumentException when a header is missing or malformed, or the reason is not
     *     one this version knows
     */
    public static DeadLetter read(ConsumerRecord<byte[], byte[]> record) {
        Headers h = record.headers();
        String code = string(h, REASON);
        DlqReason reason = DlqReason.fromCode(code);
        if (reason == null) {
            throw new IllegalArgumentException("unknown dead-letter reason " + code);
        }
        return new DeadLetter(
                reason,
                string(h, MESSAGE),
                string(h, TOPIC),
                ByteBuffer.wrap(bytes(h, PARTITION, 4)).getInt(),
                ByteBuffer.wrap(bytes(h, OFFSET, 8)).getLong(),
                ByteBuffer.wrap(bytes(h, TIMESTAMP, 8)).getLong(),
                record.key(),
                record.value());
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String string(Headers h, String name) {
        Header header = h.lastHeader(name);
        if (header == null || header.value() == null) {
            throw new IllegalArgumentException("dead letter without header " + name);
        }
        return new String(header.value(), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(Headers h, String name, int length) {
        Header header = h.lastHeader(name);
        if (header == null || header.value() == null || header.value().length != length) {
            throw new IllegalArgumentException(
                    "dead letter header " + name + " must hold " + length + " bytes");
        }
        return header.value();
    }
}
