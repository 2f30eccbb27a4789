package io.weir.server.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.weir.connectors.codec.ResultKind;
import io.weir.connectors.codec.ResultRecord;
import io.weir.connectors.codec.SampleBatch;
import io.weir.connectors.testing.KafkaTestBroker;
import io.weir.promql.eval.SampleChunk;
import io.weir.promql.eval.SampleStore;
import io.weir.promql.model.Labels;
import io.weir.promql.parser.PromqlParser;
import io.weir.server.store.RocksSampleStore;
import io.weir.server.store.RocksViewStore;
import io.weir.server.store.StoreOptions;
import io.weir.server.store.StreamPosition;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 4's crash test: {@code weir serve --kafka} runs as its own process while metrics and
 * results are produced continuously; it is killed with SIGKILL mid-ingest, twice, and restarted on
 * the same data directory. Once it has caught up, every raw sample and every view step is there
 * exactly once, and no result of an aborted transaction is.
 */
@Timeout(180)
class CrashTest {
    private static final int SERIES = 20;
    private static final int VIEW_SERIES = 5;
    private static final long MIN = 60_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path dir;

    @Test
    void aKilledServerLosesAndRepeatsNothing() throws Exception {
        KafkaClusterTestKit kafka = KafkaTestBroker.start(Producers.topics());
        List<Process> started = new ArrayList<>();
        try {
            String servers = kafka.bootstrapServers();
            Path data = dir.resolve("data");
            Feed feed = new Feed(servers);
            Thread producer = new Thread(feed, "crash-test-feed");
            producer.start();
            try {
                for (int kill = 0; kill < 2; kill++) {
                    Server s =
                            Server.start(
                                    servers, data, dir.resolve("server-" + kill + ".log"), started);
                    // Let it ingest a while, then kill it where it stands.
                    feed.awaitIterations(feed.iterations() + 150);
                    s.process.destroyForcibly();
                    assertEquals(137, s.process.waitFor(), "killed by SIGKILL");
                }
            } finally {
                feed.stop();
                producer.join();
            }
            assertTrue(feed.failure() == null, () -> "feed failed: " + feed.failure());
            int n = feed.iterations();
            assertTrue(n >= 300, "iterations " + n);

            // Restarted on the same directory until it has consumed everything, then stopped
            // cleanly.
            Map<TopicPartition, Long> ends = endOffsets(servers);
            for (int attempt = 0; ; attempt++) {
                Server s =
                        Server.start(
                                servers, data, dir.resolve("final-" + attempt + ".log"), started);
                awaitSampleCount(s.url, n);
                // Results are consumed by their own thread: give a slow one more time on a retry.
                Thread.sleep(1000L * attempt);
                s.process.destroy();
                // The JVM's status after SIGTERM, once its shutdown hook closed the stores.
                assertEquals(143, s.process.waitFor(), "a clean stop on SIGTERM");
                if (caughtUp(data, ends) || attempt == 5) {
                    break;
                }
            }

            try (RocksSampleStore samples =
                    RocksSampleStore.open(data.resolve("samples"), StoreOptions.defaults())) {
                checkSamples(samples, n);
            }
            try (RocksViewStore views = RocksViewStore.open(data.resolve("views"))) {
                checkViews(views, n);
                Map<TopicPartition, Long> stored = new HashMap<>();
                for (StreamPosition p : views.positions()) {
                    stored.put(new TopicPartition(p.topic(), p.partition()), p.nextOffset());
                }
                for (Map.Entry<TopicPartition, Long> e : ends.entrySet()) {
                    if (!e.getKey().topic().equals(Producers.METRICS)) {
                        assertEquals(e.getValue(), stored.get(e.getKey()), e.getKey().toString());
                    }
                }
            }
        } finally {
            // A failed assertion must not leave a server running.
            for (Process p : started) {
                p.destroyForcibly();
            }
            kafka.close();
        }
    }

    private static void checkSamples(SampleStore store, int n) {
        List<SampleStore.StoredSeries> all =
                store.select(PromqlParser.parseMetricSelector("crash_m"), 0, Long.MAX_VALUE);
        assertEquals(SERIES, all.size());
        long[] times = new long[n];
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            times[i] = i * 1000L;
            values[i] = i;
        }
        for (SampleStore.StoredSeries s : all) {
            SampleChunk c = s.read(Long.MIN_VALUE, Long.MAX_VALUE);
            assertArrayEquals(times, slice(c.timestamps(), c), s.labels().toString());
            assertArrayEquals(values, slice(c.values(), c), 0, s.labels().toString());
        }
    }

    private static void checkViews(RocksViewStore store, int n) {
        List<SampleStore.StoredSeries> all =
                store.select(PromqlParser.parseMetricSelector("crash_view"), 0, Long.MAX_VALUE);
        assertEquals(VIEW_SERIES, all.size());
        assertEquals(n - 1, store.lastFinalStep("crash_view").orElseThrow() / MIN);
        for (SampleStore.StoredSeries s : all) {
            SampleChunk c = s.read(Long.MIN_VALUE, Long.MAX_VALUE);
            // Steps 0..n-1 final with value i; step n still early (-2); nothing aborted (-1).
            assertEquals(n + 1, c.size(), s.labels().toString());
            for (int i = 0; i < n; i++) {
                assertEquals(i * MIN, c.timestamps()[c.from() + i]);
                assertEquals(i, c.values()[c.from() + i], 0, s.labels() + " step " + i);
            }
            assertEquals(-2, c.values()[c.from() + n], 0);
        }
    }

    private static long[] slice(long[] a, SampleChunk c) {
        return java.util.Arrays.copyOfRange(a, c.from(), c.to());
    }

    private static double[] slice(double[] a, SampleChunk c) {
        return java.util.Arrays.copyOfRange(a, c.from(), c.to());
    }

    /** The end of every partition as a read-committed consumer sees it. */
    private static Map<TopicPartition, Long> endOffsets(String servers) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<byte[], byte[]> c =
                new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> all = new ArrayList<>();
            for (String topic : List.of(Producers.METRICS, Producers.RESULTS, Producers.QUERIES)) {
                for (PartitionInfo i : c.partitionsFor(topic)) {
                    all.add(new TopicPartition(topic, i.partition()));
                }
            }
            return c.endOffsets(all);
        }
    }

    /** Whether the stopped server's view store holds the positions at the ends of its topics. */
    private static boolean caughtUp(Path data, Map<TopicPartition, Long> ends) throws IOException {
        try (RocksViewStore views = RocksViewStore.open(data.resolve("views"))) {
            Map<TopicPartition, Long> stored = new HashMap<>();
            for (StreamPosition p : views.positions()) {
                stored.put(new TopicPartition(p.topic(), p.partition()), p.nextOffset());
            }
            for (Map.Entry<TopicPartition, Long> e : ends.entrySet()) {
                if (!e.getKey().topic().equals(Producers.METRICS)
                        && !e.getValue().equals(stored.getOrDefault(e.getKey(), 0L))) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * Polls the server's query API until it holds every raw sample; after a minute without them,
     * fails with how many it has.
     */
    private static void awaitSampleCount(String url, int n) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String query =
                URLEncoder.encode("sum(count_over_time(crash_m[1d]))", StandardCharsets.UTF_8);
        URI uri = URI.create(url + "/api/v1/query?query=" + query + "&time=" + n);
        long expected = (long) SERIES * n;
        long count = -1;
        for (long deadline = System.nanoTime() + 60_000_000_000L; System.nanoTime() < deadline; ) {
            HttpResponse<String> r =
                    http.send(
                            HttpRequest.newBuilder(uri).build(),
                            HttpResponse.BodyHandlers.ofString());
            JsonNode result = JSON.readTree(r.body()).path("data").path("result");
            if (result.size() == 1) {
                count = (long) Double.parseDouble(result.get(0).path("value").get(1).asText());
                assertTrue(count <= expected, "more samples than produced: " + count);
                if (count == expected) {
                    return;
                }
            }
            Thread.sleep(100);
        }
        assertEquals(expected, count, "raw samples held by the restarted server");
    }

    /** A {@code weir serve} process. */
    private record Server(Process process, String url) {
        static Server start(String servers, Path data, Path log, List<Process> started)
                throws Exception {
            String java = ProcessHandle.current().info().command().orElse("java");
            ProcessBuilder pb =
                    new ProcessBuilder(
                            java,
                            "-cp",
                            System.getProperty("java.class.path"),
                            "io.weir.server.cli.Main",
                            "serve",
                            "--kafka",
                            servers,
                            "--data-dir",
                            data.toString(),
                            "--listen",
                            "127.0.0.1:0");
            pb.redirectError(log.toFile());
            Process p = pb.start();
            started.add(p);
            CompletableFuture<String> url = new CompletableFuture<>();
            Thread reader =
                    new Thread(
                            () -> {
                                try (BufferedReader in =
                                        new BufferedReader(
                                                new InputStreamReader(
                                                        p.getInputStream(),
                                                        StandardCharsets.UTF_8))) {
                                    for (String line; (line = in.readLine()) != null; ) {
                                        int at = line.indexOf("http://");
                                        if (at >= 0) {
                                            url.complete(line.substring(at).trim());
                                        }
                                    }
                                    url.completeExceptionally(
                                            new IOException("weir serve ended; see " + log));
                                } catch (IOException e) {
                                    url.completeExceptionally(e);
                                }
                            });
            reader.setDaemon(true);
            reader.start();
            return new Server(p, url.get(60, TimeUnit.SECONDS));
        }
    }

    /**
     * Produces continuously: per iteration {@code i}, one sample of each raw series at {@code i}
     * seconds, and one transaction of results (the final value of step {@code i} and an early value
     * of step {@code i + 1} for each view series); every seventh iteration also a transaction that
     * is aborted.
     */
    private static final class Feed implements Runnable {
        private final String servers;
        private final AtomicBoolean stop = new AtomicBoolean();
        private final AtomicInteger iterations = new AtomicInteger();
        private volatile Exception failure;

        Feed(String servers) {
            this.servers = servers;
        }

        @Override
        public void run() {
            try (KafkaProducer<byte[], byte[]> plain = Producers.plain(servers);
                    KafkaProducer<byte[], byte[]> tx =
                            Producers.transactional(servers, "crash-test")) {
                Producers.send(plain, Producers.register("crash_view", Duration.ZERO));
                for (int i = 0; !stop.get(); i++) {
                    for (int s = 0; s < SERIES; s++) {
                        Labels labels = Labels.of("__name__", "crash_m", "s", Integer.toString(s));
                        Producers.send(
                                plain, Producers.metrics(SampleBatch.of(labels, i * 1000L, i)));
                    }
                    tx.beginTransaction();
                    for (int s = 0; s < VIEW_SERIES; s++) {
                        Labels series = Labels.of("s", Integer.toString(s));
                        Producers.send(
                                tx, Producers.result(result(series, i, i, ResultKind.FINAL)));
                        Producers.send(
                                tx, Producers.result(result(series, i + 1, -2, ResultKind.EARLY)));
                    }
                    tx.commitTransaction();
                    if (i % 7 == 3) {
                        tx.beginTransaction();
                        for (int s = 0; s < VIEW_SERIES; s++) {
                            Labels series = Labels.of("s", Integer.toString(s));
                            Producers.send(
                                    tx,
                                    Producers.result(result(series, i + 1, -1, ResultKind.FINAL)));
                        }
                        tx.flush();
                        tx.abortTransaction();
                    }
                    plain.flush();
                    synchronized (this) {
                        iterations.incrementAndGet();
                        notifyAll();
                    }
                }
            } catch (Exception e) {
                failure = e;
                synchronized (this) {
                    notifyAll();
                }
            }
        }

        private static ResultRecord result(Labels series, long step, double value, ResultKind k) {
            return new ResultRecord("crash_view", series, step * MIN, value, k);
        }

        int iterations() {
            return iterations.get();
        }

        synchronized void awaitIterations(int n) throws InterruptedException {
            while (iterations.get() < n && failure == null) {
                wait(1000);
            }
        }

        void stop() {
            stop.set(true);
        }

        Exception failure() {
            return failure;
        }
    }
}
