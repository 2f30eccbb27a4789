package io.weir.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weir.connectors.codec.QueryRegistration;
import io.weir.connectors.codec.ResultKind;
import io.weir.connectors.codec.ResultRecord;
import io.weir.promql.eval.Engine;
import io.weir.promql.eval.EngineOptions;
import io.weir.promql.eval.Evaluation;
import io.weir.promql.eval.MemorySampleStore;
import io.weir.promql.eval.QueryValue;
import io.weir.promql.model.Labels;
import io.weir.server.api.PrometheusJson;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * View matching gives the evaluator's answer: views are filled by evaluating their expressions over
 * the samples (as the job would), and every query is answered once through the server, where views
 * answer what they cover, and once by the evaluator over raw samples alone. The bodies must be
 * equal, byte for byte.
 */
class ViewMatchingTest {
    /** 2024-01-01T00:00:00Z. */
    private static final long T0 = 1_704_067_200_000L;

    private static final long MIN = 60_000;
    private static final long VIEWS_END = T0 + 120 * MIN;
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private static final MemorySampleStore SAMPLES = new MemorySampleStore();
    private static final MemoryViewStore VIEWS = new MemoryViewStore();
    private static ViewRegistry registry;
    private static ApiServer server;
    private static Engine engine;

    @BeforeAll
    static void start() throws Exception {
        for (int i = 0; i <= 4 * 180; i++) {
            long t = T0 + i * 15_000L;
            for (String code : new String[] {"200", "500"}) {
                SAMPLES.append(
                        Labels.of("__name__", "http_requests_total", "job", "api", "code", code),
                        t,
                        (code.equals("200") ? 7.0 : 1.0) * i + (i % 7) * 0.25);
            }
            // A gauge with a gap of 20 minutes, so that some steps have no value.
            if (i < 200 || i > 280) {
                SAMPLES.append(Labels.of("__name__", "temp", "room", "a"), t, 20 + Math.sin(i));
                SAMPLES.append(Labels.of("__name__", "temp", "room", "b"), t, 18 + Math.cos(i));
            }
        }
        engine = new Engine(EngineOptions.defaults());
        registry = new ViewRegistry(new MemoryControlLog(), VIEWS, Clock.systemUTC());
        view("code_rate", "sum by (code) (rate(http_requests_total[5m]))", MIN);
        view("api_requests", "http_requests_total{job=\"api\"}", MIN);
        view("temp_max", "max(temp)", 30_000);
        view("temp_min", "min(temp)", MIN, T0 + 40 * MIN, T0 + 100 * MIN);
        server =
                ApiServer.start(
                        new ApiBackends(SAMPLES, VIEWS, registry, null),
                        ApiOptions.loopback(0).withResultsCacheBytes(0));
    }

    /** Registers a view and stores what the job would have computed for it, up to VIEWS_END. */
    private static void view(String name, String query, long step) throws Exception {
        view(name, query, step, T0, VIEWS_END);
    }

    /** A view registered later: it holds results from {@code from} to {@code to} only. */
    private static void view(String name, String query, long step, long from, long to)
            throws Exception {
        registry.register(
                new QueryRegistration(
                        name, query, Duration.ofMillis(step), Duration.ZERO, Duration.ZERO));
        QueryValue.Matrix m = engine.rangeQuery(SAMPLES, query, from, to, step);
        List<ResultRecord> out = new ArrayList<>();
        for (QueryValue.Series s : m.series()) {
            for (int i = 0; i < s.size(); i++) {
                out.add(
                        new ResultRecord(
                                name,
                                s.labels(),
                                s.timestamps()[i],
                                s.values()[i],
                                ResultKind.FINAL));
            }
        }
        VIEWS.write(out);
    }

    @AfterAll
    static void stop() {
        server.close();
        registry.close();
        engine.close();
    }

    private static HttpResponse<String> get(String pathAndQuery) throws Exception {
        return CLIENT.send(
                HttpRequest.newBuilder(URI.create(server.url() + pathAndQuery)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String range(String q, long start, long end, long step, boolean explain)
            throws Exception {
        HttpResponse<String> r =
                get(
                        "/api/v1/query_range?query="
                                + enc(q)
                                + "&start="
                                + start / 1000.0
                                + "&end="
                                + end / 1000.0
                                + "&step="
                                + step / 1000.0
                                + (explain ? "&explain=true" : ""));
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }

    /** Checks the server's range answer against the evaluator's; returns the explain part. */
    private static String assertRangeSame(String q, long start, long end, long step)
            throws Exception {
        Evaluation raw = engine.evaluateRange(SAMPLES, q, start, end, step);
        String expected = PrometheusJson.querySuccess(raw.value(), raw.warnings(), raw.infos());
        assertEquals(expected, range(q, start, end, step, false), q);
        String explained = range(q, start, end, step, true);
        int at = explained.indexOf(",\"explain\":");
        assertTrue(at > 0, explained);
        return explained.substring(at);
    }

    @Test
    void aViewAnswersItsOwnExpressionWithTheEvaluatorsResult() throws Exception {
        String q = "sum by (code) (rate(http_requests_total[5m]))";
        String explain = assertRangeSame(q, T0 + 10 * MIN, T0 + 100 * MIN, MIN);
        assertTrue(explain.contains("\"view\":\"code_rate\""), explain);
    }

    @Test
    void aViewAnswersASubExpressionAndParenthesesOrMatcherOrderDoNotMatter() throws Exception {
        String explain =
                assertRangeSame(
                        "sum((sum by (code) (rate(http_requests_total[5m])))) * 2 + 1",
                        T0 + 10 * MIN,
                        T0 + 100 * MIN,
                        2 * MIN);
        assertTrue(explain.contains("\"view\":\"code_rate\""), explain);
        explain = assertRangeSame("http_requests_total{job=\"api\"} / 10", T0, T0 + 60 * MIN, MIN);
        assertTrue(explain.contains("\"view\":\"api_requests\""), explain);
    }

    @Test
    void aSelectorViewKeepsTheMetricNameTheSelectorHas() throws Exception {
        String explain =
                assertRangeSame(
                        "{job=\"api\",__name__=\"http_requests_total\"}",
                        T0 + 5 * MIN,
                        T0 + 50 * MIN,
                        MIN);
        assertTrue(explain.contains("\"view\":\"api_requests\""), explain);
    }

    @Test
    void stepsTheViewLeftEmptyStayEmpty() throws Exception {
        String explain = assertRangeSame("max(temp)", T0, T0 + 119 * MIN, MIN);
        assertTrue(explain.contains("\"view\":\"temp_max\""), explain);
        String body = range("max(temp)", T0, T0 + 119 * MIN, MIN, false);
        // The gap is in the answer: fewer points than steps.
        assertTrue(body.split("\\],\\[").length < 119, body);
    }

    @Test
    void stepsAfterTheLastFinalStepAreEvaluatedFromSamples() throws Exception {
        String explain =
                assertRangeSame(
                        "sum by (code) (rate(http_requests_total[5m]))",
                        T0 + 60 * MIN,
                        T0 + 179 * MIN,
                        MIN);
        assertTrue(explain.contains("\"view\":\"code_rate\""), explain);
        assertTrue(explain.contains("\"end\":" + (VIEWS_END / 1000)), explain);
    }

    @Test
    void anEndOffTheGridIsAcceptedAsPrometheusDoes() throws Exception {
        // Inside the views' final steps, and past them by less than one step.
        String q = "sum by (code) (rate(http_requests_total[5m]))";
        String explain = assertRangeSame(q, T0 + 10 * MIN, T0 + 100 * MIN + 59_999, MIN);
        assertTrue(explain.contains("\"view\":\"code_rate\""), explain);
        explain = assertRangeSame(q, T0 + 10 * MIN, VIEWS_END + 30_000, MIN);
        assertTrue(explain.contains("\"view\":\"code_rate\""), explain);
    }

    @Test
    void noViewAnswersOffItsGridOrAtAFinerStep() throws Exception {
        String q = "sum by (code) (rate(http_requests_total[5m]))";
        String explain = assertRangeSame(q, T0 + 10 * MIN + 15_000, T0 + 100 * MIN, MIN);
        assertTrue(explain.startsWith(",\"explain\":{\"views\":[]"), explain);
        explain = assertRangeSame(q, T0 + 10 * MIN, T0 + 100 * MIN, 30_000);
        assertTrue(explain.startsWith(",\"explain\":{\"views\":[]"), explain);
        // A view evaluated at 30s steps answers a query at 1m steps.
        explain = assertRangeSame("max(temp)", T0 + 10 * MIN, T0 + 100 * MIN, MIN);
        assertTrue(explain.contains("\"view\":\"temp_max\""), explain);
    }

    @Test
    void aSubExpressionUnderASubqueryIsNotAnswered() throws Exception {
        String explain =
                assertRangeSame(
                        "max_over_time(max(temp)[10m:1m])", T0 + 20 * MIN, T0 + 90 * MIN, MIN);
        assertTrue(explain.startsWith(",\"explain\":{\"views\":[]"), explain);
    }

    @Test
    void instantQueriesAreAnsweredFromViewsOnTheirGrid() throws Exception {
        String q = "sum by (code) (rate(http_requests_total[5m])) > 1";
        for (long t : new long[] {T0 + 30 * MIN, T0 + 30 * MIN + 15_000, T0 + 150 * MIN}) {
            Evaluation raw = engine.evaluateInstant(SAMPLES, q, t);
            String expected = PrometheusJson.querySuccess(raw.value(), raw.warnings(), raw.infos());
            HttpResponse<String> r = get("/api/v1/query?query=" + enc(q) + "&time=" + t / 1000.0);
            assertEquals(expected, r.body());
            HttpResponse<String> e =
                    get("/api/v1/query?query=" + enc(q) + "&time=" + t / 1000.0 + "&explain=1");
            boolean onGrid = t == T0 + 30 * MIN;
            assertEquals(onGrid, e.body().contains("\"view\":\"code_rate\""), e.body());
        }
        assertFalse(registry.active().isEmpty());
    }

    @Test
    void stepsBeforeAViewsFirstResultAreEvaluatedFromSamples() throws Exception {
        String explain = assertRangeSame("min(temp) - 1", T0, T0 + 150 * MIN, MIN);
        assertTrue(explain.contains("\"view\":\"temp_min\""), explain);
        assertTrue(
                explain.contains(
                        "\"viewSteps\":{\"start\":"
                                + (T0 + 40 * MIN) / 1000
                                + ",\"end\":"
                                + (T0 + 100 * MIN) / 1000
                                + "}"),
                explain);
    }
}
