package io.weir.connectors.dlq;

import java.util.Arrays;
import java.util.Objects;

/**
 * A record that could not be used, with where it came from and why: the original key and value
 * bytes (either may be absent), its topic, partition, offset and timestamp, a reason and a
 * human-readable message. Immutable: the byte arrays are copied in and out.
 */
public final class DeadLetter {
    /** Partition and offset of a dead letter that did not come straight from a Kafka record. */
    public static final int NO_PARTITION = -1;

    public static final long NO_OFFSET = -1;

    private final DlqReason reason;
    private final String message;
    private final String topic;
    private final int partition;
    private final long offset;
    private final long timestamp;
    private final byte[] key;
    private final byte[] value;

    public DeadLetter(
            DlqReason reason,
            String message,
            String topic,
            int partition,
            long offset,
            long timestamp,
            byte[] key,
            byte[] value) {
        this.reason = Objects.requireNonNull(reason, "reason");
        this.message = Objects.requireNonNull(message, "message");
        this.topic = Objects.requireNonNull(topic, "topic");
        this.partition = partition;
        this.offset = offset;
        this.timestamp = timestamp;
        this.key = key == null ? null : key.clone();
        this.value = value == null ? null : value.clone();
    }

    public DlqReason reason() {
        return reason;
    }

    public String message() {
        return message;
    }

    public String topic() {
        return topic;
    }

    public int partition() {
        return partition;
    }

    public long offset() {
        return offset;
    }

    public long timestamp() {
        return timestamp;
    }

    /** The original key, or {@code null}. */
    public byte[] key() {
        return key == null ? null : key.clone();
    }

    /** The original value, or {@code null}. */
    public byte[] value() {
        return value == null ? null : value.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DeadLetter d
                && reason == d.reason
                && message.equals(d.message)
                && topic.equals(d.topic)
                && partition == d.partition
                && offset == d.offset
                && timestamp == d.timestamp
                && Arrays.equals(key, d.key)
                && Arrays.equals(value, d.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                reason,
                message,
                topic,
                partition,
                offset,
                timestamp,
                Arrays.hashCode(key),
                Arrays.hashCode(value));
    }

    @Override
    public String toString() {
        return reason.code() + " " + topic + "/" + partition + "@" + offset + ": " + message;
    }
}
