package io.weir.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.weir.promql.ast.LabelMatcher;
import io.weir.promql.eval.MemorySampleStore;
import io.weir.promql.eval.SampleStore;
import io.weir.promql.model.Labels;
import io.weir.server.api.PrometheusJson;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The concurrent-query limit: with one slot taken by a query held inside the store, the next query
 * waits in the queue until its timeout and fails as Prometheus's does.
 */
class QueryLimitTest {
    /** A store whose {@code slow} series can only be read once the test lets it. */
    static final class GatedStore implements SampleStore {
        final MemorySampleStore inner = new MemorySampleStore();
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public List<StoredSeries> select(List<LabelMatcher> matchers, long minTime, long maxTime) {
            if (matchers.stream().anyMatch(m -> m.value().equals("slow"))) {
                entered.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return inner.select(matchers, minTime, maxTime);
        }

        @Override
        public List<String> labelNames() {
            return inner.labelNames();
        }

        @Override
        public List<String> labelValues(String name) {
            return inner.labelValues(name);
        }
    }

    @Test
    void aQueryBeyondTheLimitTimesOutInTheQueue() throws Exception {
        GatedStore store = new GatedStore();
        store.inner.append(Labels.of("__name__", "slow"), 1000, 1);
        store.inner.append(Labels.of("__name__", "fast"), 1000, 2);
        HttpClient client = HttpClient.newHttpClient();
        try (ApiServer server =
                ApiServer.start(store, ApiOptions.loopback(0).withMaxConcurrentQueries(1))) {
            CompletableFuture<HttpResponse<String>> slow =
                    client.sendAsync(
                            HttpRequest.newBuilder(
                                            URI.create(
                                                    server.url()
                                                            + "/api/v1/query?query=slow&time=1"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            while (!store.entered.await(100, TimeUnit.MILLISECONDS)) {
                if (slow.isDone()) {
                    fail("the first query never reached the store: " + slow.get().body());
                }
            }

            HttpResponse<String> queued =
                    client.send(
                            HttpRequest.newBuilder(
                                            URI.create(
                                                    server.url()
                                                            + "/api/v1/query?query=fast&time=1"
                                                            + "&timeout=50ms"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertEquals(503, queued.statusCode());
            assertEquals(
                    PrometheusJson.error("timeout", "query timed out in query queue"),
                    queued.body());

            // Other endpoints do not queue behind queries.
            HttpResponse<String> labels =
                    client.send(
                            HttpRequest.newBuilder(URI.create(server.url() + "/api/v1/labels"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertEquals(200, labels.statusCode());

            store.release.countDown();
            HttpResponse<String> done = slow.get();
            assertEquals(200, done.statusCode());
            assertTrue(done.body().contains("\"slow\""), done.body());

            // The slot is free again.
            HttpResponse<String> after =
                    client.send(
                            HttpRequest.newBuilder(
                                            URI.create(
                                                    server.url()
                                                            + "/api/v1/query?query=fast&time=1"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertEquals(200, after.statusCode());
        }
    }
}
