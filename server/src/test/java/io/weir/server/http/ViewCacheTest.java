package io.weir.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weir.connectors.codec.QueryRegistration;
import io.weir.connectors.codec.ResultKind;
import io.weir.connectors.codec.ResultRecord;
import io.weir.promql.eval.Engine;
import io.weir.promql.eval.EngineOptions;
import io.weir.promql.eval.MemorySampleStore;
import io.weir.promql.eval.QueryValue;
import io.weir.promql.model.Labels;
import io.weir.server.views.MemoryControlLog;
import io.weir.server.views.MemoryViewStore;
import io.weir.server.views.ViewRegistry;
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

/** The results cache in front of view-answered queries: finality and late corrections. */
class ViewCacheTest {
    private static final long T0 = 1_704_067_200_000L;
    private static final long MIN = 60_000;
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private final MemorySampleStore samples = new MemorySampleStore();
    private final MemoryViewStore views = new MemoryViewStore();
    private ViewRegistry registry;
    private ApiServer server;

    @BeforeEach
    void start() throws Exception {
        for (int i = 0; i <= 4 * 90; i++) {
            samples.append(Labels.of("__name__", "x", "a", "1"), T0 + i * 15_000L, i);
            samples.append(Labels.of("__name__", "x", "a", "2"), T0 + i * 15_000L, 2 * i);
        }
        registry = new ViewRegistry(new MemoryControlLog(), views, Clock.systemUTC());
        registry.register(
                new QueryRegistration(
                        "s", "sum(x)", Duration.ofMinutes(1), Duration.ZERO, Duration.ZERO));
        List<ResultRecord> out = new ArrayList<>();
        try (Engine e = new Engine(EngineOptions.defaults())) {
            QueryValue.Series s =
                    e.rangeQuery(samples, "sum(x)", T0, T0 + 60 * MIN, MIN).series().get(0);
            for (int i = 0; i < s.size(); i++) {
                out.add(
                        new ResultRecord(
                                "s",
                                s.labels(),
                                s.timestamps()[i],
                                s.values()[i],
                                ResultKind.FINAL));
            }
        }
        views.write(out);
        server =
                ApiServer.start(
                        new ApiBackends(samples, views, registry, null), ApiOptions.loopback(0));
    }

    @AfterEach
    void stop() {
        server.close();
        registry.close();
    }

    private String range() throws Exception {
        String q = URLEncoder.encode("sum(x)", StandardCharsets.UTF_8);
        return CLIENT.send(
                        HttpRequest.newBuilder(
                                        URI.create(
                                                server.url()
                                                        + "/api/v1/query_range?query="
                                                        + q
                                                        + "&start="
                                                        + T0 / 1000
                                                        + "&end="
                                                        + (T0 + 90 * MIN) / 1000
                                                        + "&step=60&explain=true"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    @Test
    void stepsAfterTheViewsLastFinalStepAreNotCachedAndCorrectionsInvalidate() throws Exception {
        String first = range();
        assertTrue(first.contains("\"view\":\"s\""), first);
        String second = range();
        long t61 = (T0 + 61 * MIN) / 1000;
        long t90 = (T0 + 90 * MIN) / 1000;
        assertTrue(
                second.contains(
                        "\"cache\":{\"cachedSteps\":61,\"computed\":[[" + t61 + "," + t90 + "]]"),
                second);
        assertEquals(first.replaceAll(",\"cache\":.*", ""), second.replaceAll(",\"cache\":.*", ""));

        // A late correction of step 30m: the steps it touches (lookback 5m) are computed again,
        // from the corrected view.
        views.write(
                List.of(new ResultRecord("s", Labels.EMPTY, T0 + 30 * MIN, -1, ResultKind.FINAL)));
        String third = range();
        long t25 = (T0 + 25 * MIN) / 1000;
        long t35 = (T0 + 35 * MIN) / 1000;
        assertTrue(
                third.contains(
                        "\"computed\":[[" + t25 + "," + t35 + "],[" + t61 + "," + t90 + "]]"),
                third);
        assertTrue(third.contains("[" + (T0 + 30 * MIN) / 1000 + ",\"-1\"]"), third);
    }
}
