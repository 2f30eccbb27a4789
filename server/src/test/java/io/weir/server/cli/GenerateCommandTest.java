package io.weir.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weir.connectors.codec.MetricBatchCodec;
import io.weir.connectors.codec.SampleBatch;
import io.weir.connectors.testing.KafkaTestBroker;
import io.weir.promql.model.Labels;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code weir generate --backfill} against a real (in-JVM) Kafka broker: every record decodes as a
 * binary batch keyed by its series hash, and every series has one sample per interval.
 */
class GenerateCommandTest {
    @Test
    @Timeout(120)
    void backfillWritesEverySeriesAtEveryInterval() throws Exception {
        KafkaClusterTestKit kafka =
                KafkaTestBroker.start(List.of(new NewTopic("weir.metrics", 3, (short) 1)));
        try {
            String servers = kafka.bootstrapServers();
            EvalCommandTest.Run run =
                    EvalCommandTest.weir(
                            "generate",
                            "--kafka",
                            servers,
                            "--series",
                            "34",
                            "--interval",
                            "15s",
                            "--backfill",
                            "1h",
                            "--for",
                            "0s");
            assertEquals(0, run.status(), run.err());
            assertTrue(
                    run.out().startsWith("weir generate: writing 34 series to weir.metrics"),
                    run.out());

            Map<Labels, Integer> samples = new HashMap<>();
            Properties p = new Properties();
            p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
            p.put(ConsumerConfig.GROUP_ID_CONFIG, "test");
            p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
            p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
            long total = 0;
            try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
                consumer.subscribe(List.of("weir.metrics"));
                // 1h at 15s is 240 or 241 ticks, depending on where now falls.
                while (total < 34 * 240) {
                    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofSeconds(1))) {
                        SampleBatch b = MetricBatchCodec.decode(r.key(), r.value());
                        samples.merge(b.labels(), b.size(), Integer::sum);
                        total += b.size();
                        for (int i = 1; i < b.size(); i++) {
                            assertEquals(15_000, b.timestamp(i) - b.timestamp(i - 1));
                        }
                    }
                }
            }
            assertEquals(34, samples.size());
            int ticks = samples.values().iterator().next();
            assertTrue(ticks == 240 || ticks == 241, "ticks " + ticks);
            assertTrue(samples.values().stream().allMatch(n -> n == ticks), samples.toString());
        } finally {
            kafka.close();
        }
    }

    @Test
    void aBadIntervalIsAUsageError() {
        EvalCommandTest.Run run =
                EvalCommandTest.weir("generate", "--kafka", "127.0.0.1:1", "--interval", "x");
        assertEquals(ExitCodes.USAGE, run.status());
        assertTrue(run.err().startsWith("weir generate: invalid --interval"), run.err());
    }
}
