package io.weir.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weir.connectors.codec.QueryControl;
import io.weir.connectors.codec.QueryRegistration;
import io.weir.promql.eval.MemorySampleStore;
import io.weir.server.views.MemoryControlLog;
import io.weir.server.views.MemoryViewStore;
import io.weir.server.views.ViewRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The views and rules endpoints over real HTTP, with a bearer token configured. */
class ViewsApiTest {
    private static final String TOKEN = "s3cret";
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private final MemoryControlLog log = new MemoryControlLog();
    private final MemoryViewStore views = new MemoryViewStore();
    private ViewRegistry registry;
    private ApiServer server;

    @BeforeEach
    void start() throws Exception {
        registry = new ViewRegistry(log, views, Clock.systemUTC());
        server =
                ApiServer.start(
                        new ApiBackends(new MemorySampleStore(), views, registry, null),
                        ApiOptions.loopback(0).withBearerToken(TOKEN));
    }

    @AfterEach
    void stop() {
        server.close();
        registry.close();
    }

    private HttpResponse<String> send(String method, String path, String body, String token)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + path));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        b.method(
                method,
                body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void registerListShowAndDrop() throws Exception {
        HttpResponse<String> r =
                send(
                        "POST",
                        "/api/v1/views",
                        "{\"name\":\"code_rate\",\"query\":\"sum by (code) (rate(x[5m]))\","
                                + "\"step\":\"1m\",\"lateness\":\"30s\"}",
                        TOKEN);
        assertEquals(
                "{\"status\":\"success\",\"data\":{\"name\":\"code_rate\",\"query\":\"sum by"
                        + " (code) (rate(x[5m]))\",\"step\":\"1m\",\"lateness\":\"30s\","
                        + "\"retention\":\"forever\"}}",
                r.body());
        assertEquals(200, r.statusCode());
        assertEquals(
                List.of(
                        new QueryControl.Register(
                                new QueryRegistration(
                                        "code_rate",
                                        "sum by (code) (rate(x[5m]))",
                                        Duration.ofMinutes(1),
                                        Duration.ofSeconds(30),
                                        Duration.ZERO))),
                log.records());
        String listed =
                "{\"name\":\"code_rate\",\"query\":\"sum by (code) (rate(x[5m]))\",\"step\":\"1m\","
                        + "\"lateness\":\"30s\",\"retention\":\"forever\",\"status\":\"registered\","
                        + "\"lastFinalStep\":null,\"lagSeconds\":null}";
        assertEquals(
                "{\"status\":\"success\",\"data\":[" + listed + "]}",
                send("GET", "/api/v1/views", null, null).body());
        assertEquals(
                "{\"status\":\"success\",\"data\":" + listed + "}",
                send("GET", "/api/v1/views/code_rate", null, null).body());
        HttpResponse<String> dropped = send("DELETE", "/api/v1/views/code_rate", null, TOKEN);
        assertEquals(200, dropped.statusCode());
        assertTrue(dropped.body().contains("\"status\":\"dropped\""), dropped.body());
        assertEquals(new QueryControl.Drop("code_rate"), log.records().get(1));
        HttpResponse<String> again = send("DELETE", "/api/v1/views/code_rate", null, TOKEN);
        assertEquals(404, again.statusCode());
        assertEquals(
                "{\"status\":\"error\",\"errorType\":\"not_found\",\"error\":\"view"
                        + " \\\"code_rate\\\" not found\"}",
                again.body());
    }

    @Test
    void defaultedLatenessAndRetentionShowWhatAppliesAndRegisterBackAsDefaults() throws Exception {
        HttpResponse<String> r =
                send(
                        "POST",
                        "/api/v1/views",
                        "{\"name\":\"v\",\"query\":\"sum(x)\",\"step\":\"1m\"}",
                        TOKEN);
        assertEquals(200, r.statusCode(), r.body());
        String listed =
                "{\"name\":\"v\",\"query\":\"sum(x)\",\"step\":\"1m\","
                        + "\"lateness\":\"default\",\"retention\":\"forever\","
                        + "\"status\":\"registered\",\"lastFinalStep\":null,\"lagSeconds\":null}";
        assertEquals(
                "{\"status\":\"success\",\"data\":" + listed + "}",
                send("GET", "/api/v1/views/v", null, null).body());
        assertEquals(
                "{\"status\":\"success\",\"data\":[" + listed + "]}",
                send("GET", "/api/v1/views", null, null).body());

        // A view as listed registers again as it was: the words stand for "not given".
        HttpResponse<String> again =
                send(
                        "POST",
                        "/api/v1/views",
                        "{\"name\":\"v\",\"query\":\"sum(x)\",\"step\":\"1m\","
                                + "\"lateness\":\"default\",\"retention\":\"forever\"}",
                        TOKEN);
        assertEquals(200, again.statusCode(), again.body());
        assertEquals(log.records().get(0), log.records().get(1));
        QueryRegistration published = ((QueryControl.Register) log.records().get(1)).registration();
        assertEquals(Duration.ZERO, published.lateness());
        assertEquals(Duration.ZERO, published.retention());

        // The words belong to their own field only.
        HttpResponse<String> swapped =
                send(
                        "POST",
                        "/api/v1/views",
                        "{\"name\":\"v\",\"query\":\"sum(x)\",\"step\":\"1m\","
                                + "\"lateness\":\"forever\"}",
                        TOKEN);
        assertEquals(400, swapped.statusCode(), swapped.body());
        assertEquals(2, log.records().size());
    }

    @Test
    void aBadQueryIs400WithTheCompilersPositionAndPublishesNothing() throws Exception {
        HttpResponse<String> r =
                send(
                        "POST",
                        "/api/v1/views",
                        "{\"name\":\"v\",\"query\":\"sum(rate(x[5m])\",\"step\":\"1m\"}",
                        TOKEN);
        assertEquals(400, r.statusCode());
        assertTrue(
                r.body()
                        .startsWith(
                                "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"1:"),
                r.body());
        HttpResponse<String> at =
                send(
                        "POST",
                        "/api/v1/views",
                        "{\"name\":\"v\",\"query\":\"x @ 1700000000\",\"step\":\"1m\"}",
                        TOKEN);
        assertEquals(400, at.statusCode(), at.body());
        HttpResponse<String> noStep =
                send("POST", "/api/v1/views", "{\"name\":\"v\",\"query\":\"x\"}", TOKEN);
        assertEquals(400, noStep.statusCode());
        assertTrue(noStep.body().contains("missing field \\\"step\\\""), noStep.body());
        assertEquals(List.of(), log.records());
    }

    @Test
    void writesWithoutTheTokenAre401AndChangeNothing() throws Exception {
        String body = "{\"name\":\"v\",\"query\":\"sum(x)\",\"step\":\"1m\"}";
        for (String token : new String[] {null, "wrong", TOKEN + "x", ""}) {
            HttpResponse<String> r = send("POST", "/api/v1/views", body, token);
            assertEquals(401, r.statusCode());
            assertTrue(
                    r.body().startsWith("{\"status\":\"error\",\"errorType\":\"unauthorized\","),
                    r.body());
            assertEquals("Bearer", r.headers().firstValue("WWW-Authenticate").orElse(""));
        }
        assertEquals(401, send("POST", "/api/v1/rules", "groups: []", null).statusCode());
        assertEquals(401, send("POST", "/api/v1/import", "x 1 1\n", null).statusCode());
        assertEquals(List.of(), log.records());
        assertEquals(200, send("POST", "/api/v1/views", body, TOKEN).statusCode());
        assertEquals(401, send("DELETE", "/api/v1/views/v", null, "nope").statusCode());
        assertEquals(1, log.records().size());
        // Reads need no token.
        assertEquals(200, send("GET", "/api/v1/views/v", null, null).statusCode());
    }

    @Test
    void aRulesFileBecomesViewsInFileOrder() throws Exception {
        String yaml =
                """
                groups:
                  - name: http
                    interval: 30s
                    rules:
                      - record: job:requests:rate5m
                        expr: sum by (job) (rate(http_requests_total[5m]))
                        labels:
                          team: web
                      - record: requests:rate5m
                        expr: sum(job:requests:rate5m)
                  - name: other
                    rules:
                      - record: up:count
                        expr: count(up)
                """;
        HttpResponse<String> r = send("POST", "/api/v1/rules", yaml, TOKEN);
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(
                "{\"status\":\"success\",\"data\":["
                        + "{\"name\":\"job:requests:rate5m\",\"query\":\"label_replace(sum by (job)"
                        + " (rate(http_requests_total[5m])), \\\"team\\\", \\\"web\\\", \\\"\\\","
                        + " \\\"\\\")\",\"step\":\"30s\",\"lateness\":\"default\",\"retention\":\"forever\"},"
                        + "{\"name\":\"requests:rate5m\",\"query\":\"sum(job:requests:rate5m)\","
                        + "\"expandedQuery\":\"sum(label_replace((label_replace(sum by (job)"
                        + " (rate(http_requests_total[5m])), \\\"team\\\", \\\"web\\\","
                        + " \\\"\\\", \\\"\\\")), \\\"__name__\\\","
                        + " \\\"job:requests:rate5m\\\", \\\"\\\", \\\"\\\"))\","
                        + "\"step\":\"30s\",\"lateness\":\"default\",\"retention\":\"forever\"},"
                        + "{\"name\":\"up:count\",\"query\":\"count(up)\",\"step\":\"1m\","
                        + "\"lateness\":\"default\",\"retention\":\"forever\"}]}",
                r.body());
        assertEquals(3, log.records().size());
        // The job runs the expansion; the list keeps the rule's own expression.
        assertTrue(
                ((io.weir.connectors.codec.QueryControl.Register) log.records().get(1))
                        .registration()
                        .query()
                        .startsWith("sum(label_replace((label_replace(sum by (job)"));
        String shown = send("GET", "/api/v1/views/requests:rate5m", null, null).body();
        assertTrue(shown.contains("\"query\":\"sum(job:requests:rate5m)\""), shown);
        assertTrue(shown.contains("\"expandedQuery\":\"sum(label_replace(("), shown);
        HttpResponse<String> offGrid =
                send(
                        "POST",
                        "/api/v1/rules",
                        """
                        groups:
                          - name: g
                            interval: 45s
                            rules:
                              - record: b
                                expr: 2 * job:requests:rate5m
                        """,
                        TOKEN);
        assertEquals(400, offGrid.statusCode(), offGrid.body());
        assertTrue(
                offGrid.body().contains("group \\\"g\\\", rule 1: 1:5: the step 45s"),
                offGrid.body());
        assertEquals(3, log.records().size());
        String groups = send("GET", "/api/v1/rules", null, null).body();
        assertTrue(
                groups.startsWith(
                        "{\"status\":\"success\",\"data\":{\"groups\":[{\"name\":\"weir views"
                                + " every 30s\",\"file\":\"weir.queries\",\"rules\":[{\"name\":"
                                + "\"job:requests:rate5m\""),
                groups);
        assertTrue(groups.contains("\"interval\":60,"), groups);
        assertTrue(groups.contains("\"type\":\"recording\""), groups);
        HttpResponse<String> bad =
                send(
                        "POST",
                        "/api/v1/rules",
                        "groups:\n  - name: g\n    rules:\n      - record: a\n        expr: sum(\n",
                        TOKEN);
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().contains("group \\\"g\\\", rule 1: 1:"), bad.body());
        assertEquals(3, log.records().size());
    }

    @Test
    void unknownPathsAndMethods() throws Exception {
        assertEquals(404, send("GET", "/api/v1/views/nope", null, null).statusCode());
        assertEquals(405, send("PUT", "/api/v1/views", "{}", TOKEN).statusCode());
        assertEquals(405, send("GET", "/api/v1/import", null, TOKEN).statusCode());
        assertEquals(404, send("GET", "/api/v1/views/nope/live", null, null).statusCode());
    }

    @Test
    void theWebPageOwnsTheRootAndUi() throws Exception {
        try (ApiServer withPage =
                ApiServer.start(
                        new ApiBackends(new MemorySampleStore(), views, registry, null),
                        ApiOptions.loopback(0)
                                .withWebHandler(
                                        exchange -> {
                                            byte[] b =
                                                    exchange.getRequestURI()
                                                            .getPath()
                                                            .getBytes(
                                                                    java.nio.charset
                                                                            .StandardCharsets
                                                                            .UTF_8);
                                            exchange.sendResponseHeaders(200, b.length);
                                            exchange.getResponseBody().write(b);
                                            exchange.close();
                                        }))) {
            for (String path : new String[] {"/", "/ui/app.js"}) {
                HttpResponse<String> r =
                        CLIENT.send(
                                HttpRequest.newBuilder(URI.create(withPage.url() + path)).build(),
                                HttpResponse.BodyHandlers.ofString());
                assertEquals(path, r.body());
            }
            HttpResponse<String> api =
                    CLIENT.send(
                            HttpRequest.newBuilder(URI.create(withPage.url() + "/api/v1/views"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertEquals("{\"status\":\"success\",\"data\":[]}", api.body());
            assertTrue(withPage.url().startsWith("http://127.0.0.1:"));
        }
    }
}
