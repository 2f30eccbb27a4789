package io.weir.connectors.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weir.connectors.codec.MetricFormat;
import io.weir.connectors.dlq.DeadLetter;
import io.weir.connectors.dlq.DlqReason;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class MetricRecordDeserializerPropertyTest {
    private static final MetricRecordDeserializer DESERIALIZER =
            new MetricRecordDeserializer(
                    TopicFormats.of(
                            Map.of(
                                    "bin", MetricFormat.BINARY,
                                    "prom", MetricFormat.PROMETHEUS_TEXT,
                                    "om", MetricFormat.OPENMETRICS,
                                    "json", MetricFormat.JSON)));

    private static final class ListCollector implements Collector<Ingested> {
        final List<Ingested> out = new ArrayList<>();

        @Override
        public void collect(Ingested record) {
            out.add(record);
        }

        @Override
        public void close() {}
    }

    private static List<Ingested> deserialize(String topic, byte[] key, byte[] value) {
        ListCollector c = new ListCollector();
        DESERIALIZER.deserialize(new ConsumerRecord<>(topic, 1, 17, key, value), c);
        return c.out;
    }

    /**
     * Whatever the bytes, the deserializer returns: samples only, or exactly one dead letter that
     * keeps the original bytes and where they came from.
     */
    @Property
    void anyRecordBecomesSamplesOrOneDeadLetter(
            @ForAll("topics") String topic, @ForAll("payloads") byte[] value) {
        List<Ingested> out = deserialize(topic, null, value);
        boolean rejected = out.stream().anyMatch(i -> i instanceof Ingested.Rejected);
        if (rejected) {
            assertEquals(1, out.size());
            DeadLetter d = ((Ingested.Rejected) out.get(0)).letter();
            assertEquals(DlqReason.UNDECODABLE, d.reason());
            // The decoders themselves report bad input; the deserializer's catch-all is a backstop.
            assertFalse(d.message().contains("decoder failed"), d.message());
            assertEquals(topic, d.topic());
            assertEquals(1, d.partition());
            assertEquals(17, d.offset());
            assertTrue(Arrays.equals(value, d.value()));
        }
    }

    @Test
    void unconfiguredTopicIsADeadLetter() {
        List<Ingested> out = deserialize("other", null, new byte[] {1});
        assertEquals(
                "no format configured for topic other",
                ((Ingested.Rejected) out.get(0)).letter().message());
    }

    @Test
    void nullValueIsADeadLetter() {
        for (String topic : List.of("bin", "prom", "om", "json")) {
            List<Ingested> out = deserialize(topic, null, null);
            assertEquals(1, out.size(), topic);
            assertTrue(out.get(0) instanceof Ingested.Rejected, topic);
        }
    }

    @Provide
    Arbitrary<String> topics() {
        return Arbitraries.of("bin", "prom", "om", "json");
    }

    /** Random bytes, and text that looks like the formats, to get past their first checks. */
    @Provide
    Arbitrary<byte[]> payloads() {
        Arbitrary<String> texty =
                Arbitraries.strings()
                        .withChars("{}[]\":,#\n 0123456789.eE+-_=abcxyzNaInf")
                        .ofMaxLength(80);
        return Arbitraries.oneOf(
                Arbitraries.bytes().array(byte[].class).ofMaxSize(64),
                texty.map(s -> s.getBytes(StandardCharsets.UTF_8)),
                texty.map(s -> ("up{a=\"b\"} " + s).getBytes(StandardCharsets.UTF_8)),
                texty.map(
                        s ->
                                ("{\"labels\":{\"__name__\":\"x\"},\"timestamp\":" + s)
                                        .getBytes(StandardCharsets.UTF_8)));
    }
}
