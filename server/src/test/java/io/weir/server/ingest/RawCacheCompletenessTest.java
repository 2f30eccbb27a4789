package io.weir.server.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.weir.connectors.codec.SampleBatch;
import io.weir.connectors.testing.KafkaTestBroker;
import io.weir.promql.eval.MemorySampleStore;
import io.weir.promql.model.Labels;
import io.weir.server.http.ApiBackends;
import io.weir.server.http.ApiOptions;
import io.weir.server.http.ApiServer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Historical samples consumed from the metrics topic in two parts: a range query between the parts
 * must not leave in the results cache the steps whose samples had not arrived yet. The same query
 * through a server that takes every step older than the minimum age as final (the store taken as
 * complete) keeps the holes.
 */
@Timeout(120)
class RawCacheCompletenessTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MIN = 60_000;
    private static final long T0 = 1_700_000_000_000L;
    private static final String QUERY = "sum(m)";

    @TempDir Path dir;

    @Test
    void stepsWhoseSamplesHaveNotAllArrivedAreNotCached() throws Exception {
        MemorySampleStore all = new MemorySampleStore();
        KafkaClusterTestKit kafka = KafkaTestBroker.start(Producers.topics());
        try (KafkaProducer<byte[], byte[]> producer = Producers.plain(kafka.bootstrapServers());
                ServerRuntime runtime =
                        ServerRuntime.start(
                                ServerRuntime.Config.of(
                                        dir.resolve("data"), kafka.bootstrapServers(), 0))) {
            IngestMetrics m = runtime.metrics();
            ApiBackends fed = runtime.apiBackends();
            // The same stores, taken as complete: how the cache decided before.
            ApiBackends complete =
                    new ApiBackends(fed.samples(), fed.views(), fed.registry(), null);
            try (ApiServer server = ApiServer.start(fed, ApiOptions.loopback(0));
                    ApiServer old = ApiServer.start(complete, ApiOptions.loopback(0));
                    ApiServer reference =
                            ApiServer.start(all, ApiOptions.loopback(0).withResultsCacheBytes(0))) {
                int first = produce(producer, all, 0, 30);
                IngestTest.await(
                        () ->
                                m.samplesAppended() == first
                                        && runtime.rawProgress().completeUntil() == T0 + 30 * MIN);
                JsonNode partial = query(server);
                assertEquals(partial, query(old));

                int second = produce(producer, all, 31, 60);
                IngestTest.await(() -> m.samplesAppended() == first + second);
                IngestTest.await(() -> runtime.rawProgress().completeUntil() == T0 + 60 * MIN);

                JsonNode expected = query(reference);
                assertNotEquals(expected, partial);
                assertEquals(expected, query(server));
                assertNotEquals(expected, query(old), "the old rule kept the holes");
                assertEquals(0, m.samplesLate());

                // A sample for a step the cache holds is counted as late.
                Producers.send(
                        producer, Producers.metrics(SampleBatch.of(series(2), T0 + 5 * MIN, 1)));
                producer.flush();
                IngestTest.await(() -> m.samplesAppended() == first + second + 1);
                assertEquals(1, m.samplesLate());
            }
        } finally {
            kafka.close();
        }
    }

    private static Labels series(int i) {
        return Labels.of("__name__", "m", "i", Integer.toString(i));
    }

    /** Two series, one sample a minute at minutes {@code [from, to]}; returns the count. */
    private static int produce(
            KafkaProducer<byte[], byte[]> producer, MemorySampleStore all, int from, int to) {
        int n = 0;
        for (int minute = from; minute <= to; minute++) {
            for (int i = 0; i < 2; i++) {
                long t = T0 + minute * MIN;
                double v = minute * 10 + i;
                Producers.send(producer, Producers.metrics(SampleBatch.of(series(i), t, v)));
                all.append(series(i), t, v);
                n++;
            }
        }
        producer.flush();
        return n;
    }

    private static JsonNode query(ApiServer server) throws Exception {
        String q =
                "/api/v1/query_range?query="
                        + URLEncoder.encode(QUERY, StandardCharsets.UTF_8)
                        + "&start="
                        + T0 / 1000
                        + "&end="
                        + (T0 + 60 * MIN) / 1000
                        + "&step=60";
        HttpResponse<String> r =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(URI.create(server.url() + q)).build(),
                                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body()).get("data");
    }
}
