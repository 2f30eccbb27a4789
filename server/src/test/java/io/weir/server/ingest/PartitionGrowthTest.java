package io.weir.server.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.weir.connectors.codec.MetricBatchCodec;
import io.weir.connectors.codec.ResultCodec;
import io.weir.connectors.codec.ResultKind;
import io.weir.connectors.codec.ResultRecord;
import io.weir.connectors.codec.SampleBatch;
import io.weir.connectors.testing.KafkaTestBroker;
import io.weir.promql.eval.SampleChunk;
import io.weir.promql.eval.SampleStore;
import io.weir.promql.model.Labels;
import io.weir.promql.parser.PromqlParser;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Partitions added to {@code weir.metrics} and {@code weir.results} while the server runs are
 * consumed from their first record, and the partitions it already had go on where they were: every
 * record is stored once, also across a restart.
 */
@Timeout(120)
class PartitionGrowthTest {
    private static final long MIN = 60_000;
    private static final Duration REFRESH = Duration.ofMillis(200);

    private static KafkaClusterTestKit kafka;

    @TempDir Path dir;

    @BeforeAll
    static void startBroker() throws Exception {
        kafka = KafkaTestBroker.start(Producers.topics());
    }

    @AfterAll
    static void stopBroker() throws Exception {
        kafka.close();
    }

    private static ProducerRecord<byte[], byte[]> sample(int partition, String i, long t) {
        SampleBatch b = SampleBatch.of(Labels.of("__name__", "grow", "i", i), t, t / 1000.0);
        return new ProducerRecord<>(
                Producers.METRICS,
                partition,
                MetricBatchCodec.encodeKey(b.labels()),
                MetricBatchCodec.encodeValue(b));
    }

    private static ProducerRecord<byte[], byte[]> result(int partition, String p, long step) {
        ResultRecord r =
                new ResultRecord(
                        "g", Labels.of("p", p), step, step / (double) MIN, ResultKind.FINAL);
        return new ProducerRecord<>(
                Producers.RESULTS,
                partition,
                ResultCodec.encodeKey(r.view(), r.series()),
                ResultCodec.encodeValue(r));
    }

    private static void awaitLeaders(Admin admin, List<String> topics) throws Exception {
        IngestTest.await(
                () -> {
                    try {
                        return admin.describeTopics(topics).allTopicNames().get().values().stream()
                                .flatMap(d -> d.partitions().stream())
                                .allMatch(p -> p.leader() != null && !p.leader().isEmpty());
                    } catch (ExecutionException e) {
                        return false; // not in the broker's metadata yet
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return false;
                    }
                });
    }

    @Test
    void partitionsAddedWhileRunningAreConsumedFromTheirStartOnce() throws Exception {
        String servers = kafka.bootstrapServers();
        ServerRuntime.Config config = ServerRuntime.Config.of(dir, servers, 0);
        try (KafkaProducer<byte[], byte[]> plain = Producers.plain(servers);
                KafkaProducer<byte[], byte[]> tx = Producers.transactional(servers, "grow-1");
                Admin admin = Admin.create(Map.of("bootstrap.servers", servers))) {
            Producers.send(plain, Producers.register("g", Duration.ZERO));
            for (int p = 0; p < 2; p++) {
                Producers.send(plain, sample(p, "old" + p, 1000));
            }
            tx.beginTransaction();
            Producers.send(tx, result(0, "old", MIN));
            tx.commitTransaction();
            plain.flush();

            try (ServerRuntime runtime = ServerRuntime.start(config, REFRESH)) {
                IngestMetrics m = runtime.metrics();
                IngestTest.await(() -> m.samplesAppended() == 2 && m.resultsStored() == 1);

                admin.createPartitions(
                                Map.of(
                                        Producers.METRICS, NewPartitions.increaseTo(4),
                                        Producers.RESULTS, NewPartitions.increaseTo(3)))
                        .all()
                        .get();
                // An idempotent producer writing to a partition that is not led yet can have its
                // first batch refused and the next one taken, then retry the first out of order for
                // ever: the test is about the server finding the partitions, so it writes once they
                // are led, one record at a time.
                awaitLeaders(admin, List.of(Producers.METRICS, Producers.RESULTS));
                // Records in the new partitions, and more in the old ones, in any order.
                // One at a time: a refused batch is retried before the next is sent.
                for (int p = 0; p < 4; p++) {
                    plain.send(sample(p, p < 2 ? "old" + p : "new" + p, 2000)).get();
                    plain.send(sample(p, p < 2 ? "old" + p : "new" + p, 3000)).get();
                }
                tx.beginTransaction();
                for (int p = 0; p < 3; p++) {
                    Producers.send(tx, result(p, p == 0 ? "old" : "new" + p, 2 * MIN));
                }
                tx.commitTransaction();
                plain.flush();

                IngestTest.await(() -> m.samplesAppended() == 10 && m.resultsStored() == 4);
                IngestTest.await(
                        () -> m.lag(Producers.METRICS) == 0 && m.lag(Producers.RESULTS) == 0);
                assertEquals(10, m.records(Producers.METRICS));
                assertEquals(4, m.records(Producers.RESULTS));
                SampleStore raw = runtime.sampleStore();
                assertArrayEquals(new double[] {1, 2, 3}, values(raw, "grow{i=\"old0\"}"));
                assertArrayEquals(new double[] {1, 2, 3}, values(raw, "grow{i=\"old1\"}"));
                assertArrayEquals(new double[] {2, 3}, values(raw, "grow{i=\"new2\"}"));
                assertArrayEquals(new double[] {2, 3}, values(raw, "grow{i=\"new3\"}"));
                SampleStore views = runtime.viewStore();
                assertArrayEquals(new double[] {1, 2}, values(views, "g{p=\"old\"}"));
                assertArrayEquals(new double[] {2}, values(views, "g{p=\"new1\"}"));
                assertArrayEquals(new double[] {2}, values(views, "g{p=\"new2\"}"));
            }
        }

        // Restarted: every partition, old and new, resumes after what was stored.
        try (ServerRuntime runtime = ServerRuntime.start(config, REFRESH)) {
            IngestMetrics m = runtime.metrics();
            IngestTest.await(
                    () ->
                            m.lag(Producers.METRICS) == 0
                                    && m.lag(Producers.RESULTS) == 0
                                    && m.lag(Producers.QUERIES) == 0);
            assertEquals(0, m.records(Producers.METRICS));
            assertEquals(0, m.records(Producers.RESULTS));
            assertArrayEquals(
                    new double[] {2, 3}, values(runtime.sampleStore(), "grow{i=\"new3\"}"));
        }
    }

    private static double[] values(SampleStore store, String selector) {
        List<SampleStore.StoredSeries> all =
                store.select(PromqlParser.parseMetricSelector(selector), 0, Long.MAX_VALUE);
        assertEquals(1, all.size(), selector);
        SampleChunk c = all.get(0).read(Long.MIN_VALUE, Long.MAX_VALUE);
        return Arrays.copyOfRange(c.values(), c.from(), c.to());
    }
}
