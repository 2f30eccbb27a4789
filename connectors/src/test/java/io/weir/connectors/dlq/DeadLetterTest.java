package io.weir.connectors.dlq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.weir.connectors.codec.MetricBatchCodec;
import io.weir.connectors.codec.MetricSample;
import io.weir.connectors.codec.SampleBatch;
import io.weir.promql.model.Labels;
import io.weir.promql.model.StaleNaN;
import java.util.Optional;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class DeadLetterTest {
    @Test
    void recordKeepsOriginalBytesAndCarriesContextInHeaders() {
        DeadLetter d =
                new DeadLetter(
                        DlqReason.UNDECODABLE,
                        "invalid JSON: x",
                        "weir.metrics",
                        3,
                        42,
                        1_700_000_000_000L,
                        new byte[] {1},
                        new byte[] {2, 3});
        ProducerRecord<byte[], byte[]> p =
                new DeadLetterSerializationSchema("weir.dlq").serialize(d, null, null);
        assertEquals("weir.dlq", p.topic());
        ConsumerRecord<byte[], byte[]> c =
                new ConsumerRecord<>(
                        p.topic(),
                        0,
                        7,
                        0L,
                        TimestampType.CREATE_TIME,
                        1,
                        2,
                        p.key(),
                        p.value(),
                        p.headers(),
                        Optional.empty());
        assertEquals(d, DeadLetterHeaders.read(c));
    }

    @Test
    void lateSampleIsReplayableAsABinaryRecord() throws Exception {
        MetricSample s = new MetricSample(Labels.of("__name__", "up"), 1000, StaleNaN.VALUE);
        DeadLetter d = DeadLetters.late(s, "weir.metrics", "late by 5m0s");
        assertEquals(DlqReason.LATE, d.reason());
        assertEquals(1000, d.timestamp());
        assertEquals(
                SampleBatch.of(s.labels(), 1000, StaleNaN.VALUE),
                MetricBatchCodec.decode(d.key(), d.value()));
    }

    @Test
    void reasonCodes() {
        assertEquals("undecodable", DlqReason.UNDECODABLE.code());
        assertEquals("late", DlqReason.LATE.code());
        assertEquals(DlqReason.LATE, DlqReason.fromCode("late"));
        assertNull(DlqReason.fromCode("lost"));
    }

    @Test
    void countersCountPerReason() {
        DeadLetterCounters counters = DeadLetterCounters.register(new UnregisteredMetricsGroup());
        counters.count(DlqReason.LATE);
        counters.count(DlqReason.LATE, 2);
        counters.count(DlqReason.UNDECODABLE);
        assertEquals(3, counters.get(DlqReason.LATE));
        assertEquals(1, counters.get(DlqReason.UNDECODABLE));
    }
}
