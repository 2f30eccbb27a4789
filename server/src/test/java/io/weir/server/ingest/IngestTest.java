package io.weir.server.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The three consumers against a real broker: what is committed arrives once, aborted never. */
@Timeout(120)
class IngestTest {
    private static final long MIN = 60_000;
    private static final Labels GET = Labels.of("method", "GET");

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

    private static ResultRecord fin(String view, long step, double value) {
        return new ResultRecord(view, GET, step, value, ResultKind.FINAL);
    }

    @Test
    void committedResultsAndSamplesArriveOnceAndAbortedResultsNever() throws Exception {
        String servers = kafka.bootstrapServers();
        try (KafkaProducer<byte[], byte[]> plain = Producers.plain(servers);
                KafkaProducer<byte[], byte[]> tx = Producers.transactional(servers, "ingest-1")) {
            Producers.send(plain, Producers.register("v", Duration.ZERO));
            Producers.send(plain, Producers.register("gone", Duration.ZERO));
            tx.beginTransaction();
            Producers.send(tx, Producers.result(fin("v", MIN, 1)));
            Producers.send(
                    tx, Producers.result(new ResultRecord("v", GET, 2 * MIN, 2, ResultKind.EARLY)));
            Producers.send(tx, Producers.result(fin("gone", MIN, 1)));
            tx.commitTransaction();
            tx.beginTransaction();
            Producers.send(tx, Producers.result(fin("v", 2 * MIN, -1)));
            Producers.send(tx, Producers.result(fin("v", 3 * MIN, -1)));
            tx.flush();
            tx.abortTransaction();
            tx.beginTransaction();
            Producers.send(tx, Producers.result(fin("v", 2 * MIN, 20)));
            tx.commitTransaction();
            for (int s = 0; s < 4; s++) {
                Labels labels = Labels.of("__name__", "m", "i", Integer.toString(s));
                Producers.send(
                        plain,
                        Producers.metrics(
                                new SampleBatch(
                                        labels, new long[] {1000, 2000}, new double[] {s, s})));
                Producers.send(plain, Producers.metrics(SampleBatch.of(labels, 3000, s)));
            }
            Producers.send(plain, Producers.drop("gone"));
            plain.flush();
        }

        ServerRuntime.Config config = ServerRuntime.Config.of(dir, servers, 0);
        List<List<ResultRecord>> heard = Collections.synchronizedList(new ArrayList<>());
        try (ServerRuntime runtime = ServerRuntime.start(config)) {
            runtime.viewStore().subscribe(heard::add);
            IngestMetrics m = runtime.metrics();
            await(() -> m.resultsStored() == 4 && m.samplesAppended() == 12);
            await(() -> runtime.viewStore().viewNames().equals(List.of("v")));

            assertArrayEquals(new double[] {1, 20}, values(runtime.viewStore(), "v"));
            assertEquals(List.of(), runtime.viewStore().select(matchers("gone"), 0, 0));
            assertEquals(4, runtime.sampleStore().select(matchers("m"), 0, 0).size());
            for (SampleStore.StoredSeries s :
                    runtime.sampleStore().select(matchers("m"), 0, Long.MAX_VALUE)) {
                assertEquals(3, s.read(Long.MIN_VALUE, Long.MAX_VALUE).size());
            }
            assertTrue(
                    runtime.metrics()
                            .exposition()
                            .contains("weir_ingest_samples_appended_total 12"),
                    runtime.metrics().exposition());
            // The listener may have subscribed after some writes; it never hears an aborted one.
            for (List<ResultRecord> batch : heard) {
                for (ResultRecord r : batch) {
                    assertTrue(r.value() >= 0, r.toString());
                }
            }
        }

        // Restarted on the same directory: it resumes after what it stored and repeats nothing.
        try (KafkaProducer<byte[], byte[]> tx = Producers.transactional(servers, "ingest-1")) {
            tx.beginTransaction();
            Producers.send(tx, Producers.result(fin("v", 3 * MIN, 30)));
            tx.commitTransaction();
        }
        try (ServerRuntime runtime = ServerRuntime.start(config)) {
            IngestMetrics m = runtime.metrics();
            await(() -> m.resultsStored() == 1);
            await(() -> m.lag(Producers.METRICS) == 0 && m.lag(Producers.QUERIES) == 0);
            assertEquals(1, m.records(Producers.RESULTS));
            assertEquals(0, m.records(Producers.METRICS));
            assertEquals(0, m.records(Producers.QUERIES));
            assertArrayEquals(new double[] {1, 20, 30}, values(runtime.viewStore(), "v"));
        }
    }

    private static List<io.weir.promql.ast.LabelMatcher> matchers(String selector) {
        return PromqlParser.parseMetricSelector(selector);
    }

    private static double[] values(SampleStore store, String selector) {
        List<SampleStore.StoredSeries> all = store.select(matchers(selector), 0, 0);
        assertEquals(1, all.size());
        SampleChunk c = all.get(0).read(Long.MIN_VALUE, Long.MAX_VALUE);
        return Arrays.copyOfRange(c.values(), c.from(), c.to());
    }

    /** Waits for the consumers; the class timeout bounds it. */
    static void await(BooleanSupplier condition) throws InterruptedException {
        while (!condition.getAsBoolean()) {
            Thread.sleep(50);
        }
    }
}
