package io.weir.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weir.connectors.codec.QueryRegistration;
import io.weir.connectors.codec.ResultKind;
import io.weir.connectors.codec.ResultRecord;
import io.weir.connectors.codec.SampleBatch;
import io.weir.promql.eval.MemorySampleStore;
import io.weir.promql.model.Labels;
import io.weir.server.views.MemoryControlLog;
import io.weir.server.views.MemoryViewStore;
import io.weir.server.views.ViewRegistry;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Import, live push, the results cache's counters and the series limit, over real HTTP. */
class ImportLiveCacheTest {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private final MemorySampleStore samples = new MemorySampleStore();
    private final MemoryViewStore views = new MemoryViewStore();
    private final List<SampleBatch> published = new ArrayList<>();
    private ViewRegistry registry;
    private ApiServer server;

    @BeforeEach
    void start() throws Exception {
        registry = new ViewRegistry(new MemoryControlLog(), views, Clock.systemUTC());
        server =
                ApiServer.start(
                        new ApiBackends(
                                samples,
                                views,
                                registry,
                                batches -> {
                                    published.addAll(batches);
                                    for (SampleBatch b : batches) {
                                        samples.appendAll(
                                                b.labels(), b.timestamps(), b.values(), b.size());
                                    }
                                }),
                        ApiOptions.loopback(0).withMaxSeries(2));
    }

    @AfterEach
    void stop() {
        server.close();
        registry.close();
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return CLIENT.send(
                HttpRequest.newBuilder(URI.create(server.url() + path))
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String pathAndQuery) throws Exception {
        return CLIENT.send(
                HttpRequest.newBuilder(URI.create(server.url() + pathAndQuery)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void importSendsBatchesOfOneSeriesInTimeOrderAndCountsSamples() throws Exception {
        HttpResponse<String> r =
                post(
                        "/api/v1/import",
                        "# TYPE x counter\nx{a=\"1\"} 1 1000\nx{a=\"1\"} 2 2000\nx{a=\"2\"} 5 1000\n");
        assertEquals("{\"status\":\"success\",\"data\":{\"samples\":3}}", r.body());
        // One batch per series and second, seconds in order: a=1 and a=2 at 1 s, a=1 at 2 s.
        assertEquals(3, published.size());
        Labels a1 = Labels.of("__name__", "x", "a", "1");
        assertEquals(a1, published.get(0).labels());
        assertEquals(1000, published.get(0).timestamp(0));
        assertEquals(Labels.of("__name__", "x", "a", "2"), published.get(1).labels());
        assertEquals(a1, published.get(2).labels());
        assertEquals(2000, published.get(2).timestamp(0));
        // OpenMetrics: seconds.
        HttpResponse<String> om = post("/api/v1/import", "y 1 1.5\n# EOF\n");
        assertEquals(200, om.statusCode(), om.body());
        assertEquals(1500, published.get(3).timestamp(0));
    }

    @Test
    void aBadLineIs400WithItsLineNumberAndNothingIsSent() throws Exception {
        HttpResponse<String> r = post("/api/v1/import", "x 1 1000\nx{ 2 2000\nx 3 3000\n");
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("\"error\":\"body:2: "), r.body());
        assertEquals(List.of(), published);
    }

    @Test
    void liveStreamsEveryStoredResultOfTheView() throws Exception {
        registry.register(
                new QueryRegistration(
                        "v", "sum(x)", Duration.ofMinutes(1), Duration.ZERO, Duration.ZERO));
        server.keepAlive(Duration.ofMillis(200));
        HttpResponse<InputStream> r =
                CLIENT.send(
                        HttpRequest.newBuilder(URI.create(server.url() + "/api/v1/views/v/live"))
                                .build(),
                        HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, r.statusCode());
        assertEquals(
                "text/event-stream; charset=utf-8",
                r.headers().firstValue("Content-Type").orElse(""));
        try (BufferedReader in =
                new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            assertEquals(": connected", in.readLine());
            assertEquals("", in.readLine());
            views.write(
                    List.of(
                            new ResultRecord("v", Labels.EMPTY, 60_000, 2, ResultKind.EARLY),
                            new ResultRecord("w", Labels.EMPTY, 60_000, 9, ResultKind.FINAL),
                            new ResultRecord("v", Labels.EMPTY, 60_000, 3, ResultKind.FINAL)));
            List<String> data = new ArrayList<>();
            boolean keepAlive = false;
            while (data.size() < 2 || !keepAlive) {
                String line = in.readLine();
                if (line.startsWith("data: ")) {
                    data.add(line.substring(6));
                } else if (line.equals(": keep-alive")) {
                    keepAlive = true;
                }
            }
            assertEquals(
                    List.of(
                            "{\"metric\":{\"__name__\":\"v\"},\"t\":60,\"value\":\"2\","
                                    + "\"final\":false}",
                            "{\"metric\":{\"__name__\":\"v\"},\"t\":60,\"value\":\"3\","
                                    + "\"final\":true}"),
                    data);
        }
    }

    @Test
    void aRepeatedRangeQueryShiftedByOneStepComputesOnlyTheNewStep() throws Exception {
        for (int i = 0; i <= 200; i++) {
            samples.append(
                    Labels.of("__name__", "x", "a", "1"), 1_700_000_000_000L + i * 15_000L, i);
        }
        String q = URLEncoder.encode("rate(x[5m])", StandardCharsets.UTF_8);
        String first =
                get("/api/v1/query_range?query=" + q + "&start=1700000300&end=1700002400&step=60")
                        .body();
        String second =
                get("/api/v1/query_range?query="
                                + q
                                + "&start=1700000360&end=1700002460&step=60&explain=true")
                        .body();
        assertTrue(
                second.contains(
                        "\"cache\":{\"cachedSteps\":35,\"computed\":[[1700002460,1700002460]]"),
                second);
        String metrics = get("/metrics").body();
        assertTrue(
                metrics.contains("weir_results_cache_requests_total{result=\"miss\"} 1\n"),
                metrics);
        assertTrue(
                metrics.contains("weir_results_cache_requests_total{result=\"partial\"} 1\n"),
                metrics);
        assertTrue(
                metrics.contains("weir_results_cache_steps_total{source=\"computed\"} 37\n"),
                metrics);
        assertTrue(first.startsWith("{\"status\":\"success\""), first);
    }

    @Test
    void moreSeriesThanTheLimitIsAnExecutionError() throws Exception {
        post("/api/v1/import", "x{a=\"1\"} 1 1000\nx{a=\"2\"} 1 1000\nx{a=\"3\"} 1 1000\n");
        HttpResponse<String> r = get("/api/v1/query?query=x&time=2");
        assertEquals(422, r.statusCode());
        assertEquals(
                "{\"status\":\"error\",\"errorType\":\"execution\",\"error\":\"query processing"
                        + " would load too many series into memory in query execution (limit: 2"
                        + " series)\"}",
                r.body());
        assertEquals(422, get("/api/v1/series?match[]=x").statusCode());
        assertEquals(200, get("/api/v1/query?query=x%7Ba%3D%221%22%7D&time=2").statusCode());
    }
}
