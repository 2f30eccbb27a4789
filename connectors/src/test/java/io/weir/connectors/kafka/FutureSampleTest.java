package io.weir.connectors.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weir.connectors.codec.MetricBatchCodec;
import io.weir.connectors.codec.MetricFormat;
import io.weir.connectors.codec.SampleBatch;
import io.weir.connectors.dlq.DeadLetter;
import io.weir.connectors.dlq.DlqReason;
import io.weir.promql.model.Labels;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

/**
 * A sample far ahead of its record's time (seconds written as milliseconds' thousands, a broken
 * clock) would move its partition's event time there and make every later sample late: it goes to
 * the dead letters, alone, and the batch's other samples pass.
 */
class FutureSampleTest {
    private static final long DAY = 86_400_000L;
    private static final Labels SERIES = Labels.of("__name__", "up", "job", "api");

    @Test
    void aSampleTooFarAheadOfItsRecordIsADeadLetter() throws Exception {
        long recordTime = 1_700_000_000_000L;
        SampleBatch batch =
                new SampleBatch(
                        SERIES,
                        new long[] {recordTime - 15_000, recordTime + DAY, recordTime * 1000},
                        new double[] {1, 2, 3});
        List<Ingested> out = decode(batch, recordTime, DAY);
        assertEquals(3, out.size());
        assertInstanceOf(Ingested.Sample.class, out.get(0));
        assertInstanceOf(Ingested.Sample.class, out.get(1), "exactly the bound is accepted");
        DeadLetter letter = assertInstanceOf(Ingested.Rejected.class, out.get(2)).letter();
        assertEquals(DlqReason.FUTURE, letter.reason());
        assertEquals(recordTime * 1000, letter.timestamp());
        assertTrue(letter.message().contains("ahead of its record's timestamp"), letter.message());
        SampleBatch alone = MetricBatchCodec.decodeValue(letter.value());
        assertEquals(1, alone.size());
        assertEquals(3, alone.value(0));
        assertEquals(SERIES, alone.labels());
    }

    @Test
    void withoutABoundEverySamplePasses() throws Exception {
        long recordTime = 1_700_000_000_000L;
        SampleBatch batch = SampleBatch.of(SERIES, recordTime * 1000, 1);
        List<Ingested> out = decode(batch, recordTime, Long.MAX_VALUE);
        assertInstanceOf(Ingested.Sample.class, out.get(0));
    }

    private static List<Ingested> decode(SampleBatch batch, long recordTime, long maxFuture) {
        MetricRecordDeserializer d =
                new MetricRecordDeserializer(
                        TopicFormats.of(Map.of("weir.metrics", MetricFormat.BINARY)), maxFuture);
        List<Ingested> out = new ArrayList<>();
        d.deserialize(
                new ConsumerRecord<>(
                        "weir.metrics",
                        0,
                        7,
                        recordTime,
                        TimestampType.CREATE_TIME,
                        0,
                        0,
                        MetricBatchCodec.encodeKey(batch.labels()),
                        MetricBatchCodec.encodeValue(batch),
                        new RecordHeaders(),
                        java.util.Optional.empty()),
                new Collector<>() {
                    @Override
                    public void collect(Ingested record) {
                        out.add(record);
                    }

                    @Override
                    public void close() {}
                });
        return out;
    }
}
