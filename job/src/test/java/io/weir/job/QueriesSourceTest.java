package io.weir.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weir.connectors.codec.QueryControl;
import io.weir.connectors.codec.QueryControlCodec;
import io.weir.connectors.codec.QueryRegistration;
import io.weir.connectors.testing.KafkaTestBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.junit.jupiter.api.Test;

/**
 * The queries source holds event time back until it has read what its topic held at start, so that
 * every stage knows the registered views before the metrics' watermark passes their steps.
 */
class QueriesSourceTest {
    private static final String TOPIC = "weir.queries";

    @Test
    void holdsEventTimeUntilCaughtUpThenStaysIdle() {
        QueriesSource.CatchUpThenIdle generator =
                new QueriesSource.CatchUpThenIdle(Duration.ofHours(1).toNanos());
        Output out = new Output();
        ViewSpec view = new ViewSpec("v", "up", 60_000, 0, 1_000);
        generator.onEvent(view, 1_000, out);
        generator.onPeriodicEmit(out);
        assertEquals(0, out.idle, "idle before the topic was read to its end");
        assertEquals(0, out.watermarks, "no watermark of its own");
        generator.onEvent(ViewSpec.CAUGHT_UP, Long.MIN_VALUE, out);
        generator.onPeriodicEmit(out);
        assertTrue(out.idle >= 2, "idle once caught up");
        int idle = out.idle;
        generator.onEvent(view, 2_000, out);
        assertEquals(idle + 1, out.idle, "a later registration does not hold event time");
        assertEquals(0, out.watermarks);
    }

    @Test
    void aPartitionWithNothingToReadStopsHoldingAfterTheQuietTime() throws Exception {
        QueriesSource.CatchUpThenIdle generator = new QueriesSource.CatchUpThenIdle(0);
        Output out = new Output();
        generator.onPeriodicEmit(out);
        assertEquals(1, out.idle);
    }

    @Test
    void theDecoderSignalsTheEndOfWhatThePartitionHeldAtStart() throws Exception {
        KafkaClusterTestKit kafka =
                KafkaTestBroker.start(List.of(new NewTopic(TOPIC, 2, (short) 1)));
        try {
            try (KafkaProducer<byte[], byte[]> producer = new KafkaIo(kafka).producer()) {
                for (String name : List.of("a", "b", "c")) {
                    QueryControl c =
                            new QueryControl.Register(
                                    new QueryRegistration(
                                            name,
                                            "up",
                                            Duration.ofMinutes(1),
                                            Duration.ZERO,
                                            Duration.ZERO));
                    producer.send(
                                    new ProducerRecord<>(
                                            TOPIC,
                                            0,
                                            QueryControlCodec.encodeKey(c),
                                            QueryControlCodec.encodeValue(c)))
                            .get();
                }
            }
            QueriesSource.Decoder decoder =
                    new QueriesSource.Decoder(kafka.bootstrapServers(), TOPIC, 30_000);
            decoder.open(null);
            List<ViewSpec> out = new ArrayList<>();
            Collector<ViewSpec> collector = collector(out);
            for (long offset = 0; offset < 3; offset++) {
                decoder.deserialize(record(0, offset, "v" + offset), collector);
            }
            assertEquals(4, out.size(), out.toString());
            assertFalse(out.get(1).isCaughtUp());
            assertTrue(out.get(3).isCaughtUp(), "after the third of three records");
            // A record registered since start: no second sign.
            decoder.deserialize(record(0, 3, "later"), collector);
            assertEquals(5, out.size());
            assertFalse(out.get(4).isCaughtUp());
        } finally {
            kafka.close();
        }
    }

    private static ConsumerRecord<byte[], byte[]> record(int partition, long offset, String name) {
        QueryControl c =
                new QueryControl.Register(
                        new QueryRegistration(
                                name, "up", Duration.ofMinutes(1), Duration.ZERO, Duration.ZERO));
        return new ConsumerRecord<>(
                TOPIC,
                partition,
                offset,
                QueryControlCodec.encodeKey(c),
                QueryControlCodec.encodeValue(c));
    }

    private static Collector<ViewSpec> collector(List<ViewSpec> out) {
        return new Collector<>() {
            @Override
            public void collect(ViewSpec record) {
                out.add(record);
            }

            @Override
            public void close() {}
        };
    }

    private static final class Output implements WatermarkOutput {
        int idle;
        int watermarks;

        @Override
        public void emitWatermark(Watermark watermark) {
            watermarks++;
        }

        @Override
        public void markIdle() {
            idle++;
        }

        @Override
        public void markActive() {}
    }
}
