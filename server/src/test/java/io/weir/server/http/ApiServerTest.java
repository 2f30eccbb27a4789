package io.weir.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weir.connectors.text.ExpositionFormat;
import io.weir.connectors.text.ExpositionParser;
import io.weir.promql.PromqlException;
import io.weir.promql.eval.Engine;
import io.weir.promql.eval.EngineOptions;
import io.weir.promql.eval.Evaluation;
import io.weir.promql.eval.MemorySampleStore;
import io.weir.promql.eval.QueryValue;
import io.weir.promql.model.Labels;
import io.weir.promql.parser.PromqlParser;
import io.weir.server.api.PrometheusJson;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Starts the server on a free loopback port and calls it over real HTTP. Query bodies are checked
 * against what {@link PrometheusJson} encodes for the evaluator's own result on the same store.
 */
class ApiServerTest {
    /** 2024-01-01T00:00:00Z. */
    private static final long T0 = 1_704_067_200_000L;

    private static final MemorySampleStore STORE = new MemorySampleStore();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static ApiServer server;
    private static Engine engine;

    @BeforeAll
    static void start() throws IOException {
        for (int i = 0; i <= 20; i++) {
            long t = T0 + i * 15_000L;
            STORE.append(
                    Labels.of("__name__", "http_requests_total", "job", "api", "code", "200"),
                    t,
                    10.0 * i);
            STORE.append(
                    Labels.of("__name__", "http_requests_total", "job", "api", "code", "500"),
                    t,
                    i);
            STORE.append(Labels.of("__name__", "up", "job", "api", "instance", "a:1"), t, 1);
            STORE.append(Labels.of("__name__", "up", "job", "db", "instance", "b<2>"), t, 0);
        }
        server = ApiServer.start(STORE, ApiOptions.loopback(0));
        engine = new Engine(EngineOptions.defaults());
    }

    @AfterAll
    static void stop() {
        server.close();
        engine.close();
    }

    static HttpResponse<String> get(String pathAndQuery) throws Exception {
        return get(server, pathAndQuery);
    }

    static HttpResponse<String> get(ApiServer s, String pathAndQuery) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(s.url() + pathAndQuery)).build();
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> post(String path, String form) throws Exception {
        HttpRequest request =
                HttpRequest.newBuilder(URI.create(server.url() + path))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build();
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static void assertJson(int status, String body, HttpResponse<String> response) {
        assertEquals(body, response.body());
        assertEquals(status, response.statusCode());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
    }

    @Test
    void instantQueryIsTheEvaluatorsResult() throws Exception {
        String q = "sum by (code) (rate(http_requests_total[1m]))";
        Evaluation expected = engine.evaluateInstant(STORE, q, T0 + 300_000);
        String body =
                PrometheusJson.querySuccess(
                        expected.value(), expected.warnings(), expected.infos());
        assertTrue(body.contains("\"code\":\"500\""), body);
        assertJson(200, body, get("/api/v1/query?query=" + enc(q) + "&time=1704067500"));
        assertJson(200, body, get("/api/v1/query?query=" + enc(q) + "&time=2024-01-01T00:05:00Z"));
    }

    @Test
    void rangeQueryIsTheEvaluatorsResult() throws Exception {
        String q = "rate(http_requests_total[1m])";
        Evaluation expected = engine.evaluateRange(STORE, q, T0 + 60_000, T0 + 300_000, 30_000);
        String body = PrometheusJson.querySuccess(expected.value());
        assertTrue(body.contains("\"matrix\""), body);
        assertJson(
                200,
                body,
                get(
                        "/api/v1/query_range?query="
                                + enc(q)
                                + "&start=1704067260&end=1704067500&step=30s"));
    }

    @Test
    void answersAreCompressedWhenTheClientAsksAsGrafanaDoes() throws Exception {
        String path =
                "/api/v1/query_range?query="
                        + enc("rate(http_requests_total[1m])")
                        + "&start=1704067260&end=1704067500&step=30s";
        String plain = get(path).body();
        for (String[] c :
                new String[][] {
                    {"gzip", "gzip"},
                    {"deflate", "deflate"},
                    {"br, deflate;q=0.5, gzip", "deflate"},
                    {"gzip;q=0, deflate", "deflate"},
                    {"gzip;q=0", null},
                    {"br", null}
                }) {
            HttpResponse<byte[]> response =
                    CLIENT.send(
                            HttpRequest.newBuilder(URI.create(server.url() + path))
                                    .header("Accept-Encoding", c[0])
                                    .build(),
                            HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, response.statusCode(), c[0]);
            assertEquals(
                    c[1], response.headers().firstValue("Content-Encoding").orElse(null), c[0]);
            assertEquals("Accept-Encoding", response.headers().firstValue("Vary").orElse(""));
            byte[] body = response.body();
            InputStream in = new ByteArrayInputStream(body);
            if ("gzip".equals(c[1])) {
                in = new GZIPInputStream(in);
            } else if ("deflate".equals(c[1])) {
                in = new InflaterInputStream(in);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(plain, text, c[0]);
            if (c[1] != null) {
                assertTrue(body.length < plain.length(), c[0] + ": " + body.length + " bytes");
            }
        }
    }

    @Test
    void formPostIsAnsweredAsGet() throws Exception {
        String q = "up == 1";
        Evaluation expected = engine.evaluateInstant(STORE, q, T0 + 60_000);
        String body = PrometheusJson.querySuccess(expected.value());
        assertJson(200, body, post("/api/v1/query", "query=" + enc(q) + "&time=1704067260"));
        // The body wins over the URL, as Go's FormValue.
        HttpRequest request =
                HttpRequest.newBuilder(
                                URI.create(server.url() + "/api/v1/query?query=nope%28&time=1"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(
                                HttpRequest.BodyPublishers.ofString(
                                        "query=" + enc(q) + "&time=1704067260"))
                        .build();
        assertJson(200, body, CLIENT.send(request, HttpResponse.BodyHandlers.ofString()));
        Evaluation range = engine.evaluateRange(STORE, q, T0, T0 + 60_000, 15_000);
        assertJson(
                200,
                PrometheusJson.querySuccess(range.value()),
                post(
                        "/api/v1/query_range",
                        "query=" + enc(q) + "&start=1704067200&end=1704067260&step=15"));
    }

    @Test
    void infosAreInTheBody() throws Exception {
        String q = "rate(up[1m])";
        Evaluation expected = engine.evaluateInstant(STORE, q, T0 + 60_000);
        assertTrue(!expected.infos().isEmpty(), "the evaluator reports an info for rate(up)");
        String body =
                PrometheusJson.querySuccess(
                        expected.value(), expected.warnings(), expected.infos());
        assertTrue(body.contains("\"infos\":[\"PromQL info: "), body);
        assertJson(200, body, get("/api/v1/query?query=" + enc(q) + "&time=1704067260"));
    }

    @Test
    void parseErrorIsBadDataWithItsPosition() throws Exception {
        String q = "sum(rate(x[5m])";
        PromqlException e = assertThrows(PromqlException.class, () -> PromqlParser.parse(q));
        assertTrue(e.getMessage().matches("\\d+:\\d+: .*"), e.getMessage());
        String body =
                PrometheusJson.error("bad_data", "invalid parameter \"query\": " + e.getMessage());
        assertJson(400, body, get("/api/v1/query?query=" + enc(q)));
        assertJson(
                400, body, get("/api/v1/query_range?query=" + enc(q) + "&start=0&end=60&step=15"));
    }

    @Test
    void rangeVectorInRangeQueryIsBadData() throws Exception {
        assertJson(
                400,
                PrometheusJson.error(
                        "bad_data",
                        "invalid parameter \"query\": invalid expression type \"range vector\" for"
                                + " range query, must be Scalar or instant Vector"),
                get("/api/v1/query_range?query=" + enc("up[1m]") + "&start=0&end=60&step=15"));
    }

    @Test
    void badParametersAreBadData() throws Exception {
        assertJson(
                400,
                PrometheusJson.error(
                        "bad_data",
                        "invalid parameter \"time\": cannot parse \"abc\" to a valid timestamp"),
                get("/api/v1/query?query=up&time=abc"));
        assertJson(
                400,
                PrometheusJson.error(
                        "bad_data",
                        "invalid parameter \"start\": cannot parse \"\" to a valid timestamp"),
                get("/api/v1/query_range?query=up"));
        assertJson(
                400,
                PrometheusJson.error(
                        "bad_data",
                        "invalid parameter \"end\": end timestamp must not be before start time"),
                get("/api/v1/query_range?query=up&start=60&end=0&step=nonsense"));
        assertJson(
                400,
                PrometheusJson.error(
                        "bad_data",
                        "invalid parameter \"step\": zero or negative query resolution step"
                                + " widths are not accepted. Try a positive integer"),
                get("/api/v1/query_range?query=up&start=0&end=60&step=0"));
        assertJson(
                400,
                PrometheusJson.error(
                        "bad_data",
                        "exceeded maximum resolution of 11,000 points per timeseries. Try"
                                + " decreasing the query resolution (?step=XX)"),
                get("/api/v1/query_range?query=up&start=0&end=100000&step=1"));
        assertJson(
                400,
                PrometheusJson.error(
                        "bad_data",
                        "invalid parameter \"timeout\": cannot parse \"x\" to a valid duration"),
                get("/api/v1/query?query=up&timeout=x"));
    }

    @Test
    void evaluationErrorIsExecutionWith422() throws Exception {
        String q2 = "label_replace(http_requests_total, \"code\", \"x\", \"\", \"\")";
        PromqlException e =
                assertThrows(PromqlException.class, () -> engine.evaluateInstant(STORE, q2, T0));
        assertEquals(PromqlException.ErrorCode.EXECUTION, e.code());
        assertJson(
                422,
                PrometheusJson.error("execution", e.getMessage()),
                get("/api/v1/query?query=" + enc(q2) + "&time=1704067200"));
    }

    @Test
    void tooManySamplesIsExecution() throws Exception {
        EngineOptions d = EngineOptions.defaults();
        EngineOptions tiny =
                new EngineOptions(
                        d.lookbackMillis(), d.defaultSubqueryStepMillis(), 2, d.timeout(), 1);
        try (ApiServer small = ApiServer.start(STORE, ApiOptions.loopback(0).withEngine(tiny))) {
            assertJson(
                    422,
                    PrometheusJson.error(
                            "execution",
                            "query processing would load too many samples into memory in query"
                                    + " execution"),
                    get(
                            small,
                            "/api/v1/query?query="
                                    + enc("http_requests_total[5m]")
                                    + "&time=1704067500"));
        }
    }

    @Test
    void seriesLabelsAndValues() throws Exception {
        assertJson(
                200,
                "{\"status\":\"success\",\"data\":[{\"__name__\":\"up\",\"instance\":\"a:1\",\"job\":\"api\"},"
                        + "{\"__name__\":\"up\",\"instance\":\"b\\u003c2\\u003e\",\"job\":\"db\"}]}",
                get("/api/v1/series?match[]=up"));
        // Two selectors: the union, sorted, without duplicates.
        assertJson(
                200,
                "{\"status\":\"success\",\"data\":[{\"__name__\":\"http_requests_total\",\"code\":\"500\",\"job\":\"api\"},"
                        + "{\"__name__\":\"up\",\"instance\":\"a:1\",\"job\":\"api\"}]}",
                post(
                        "/api/v1/series",
                        "match%5B%5D="
                                + enc("{job=\"api\",code!=\"200\"}")
                                + "&match%5B%5D="
                                + enc("up{job=\"api\"}")));
        assertJson(
                400,
                PrometheusJson.error("bad_data", "no match[] parameter provided"),
                get("/api/v1/series"));
        assertJson(
                400,
                PrometheusJson.error(
                        "bad_data",
                        "invalid parameter \"match[]\": match[] must contain at least one"
                                + " non-empty matcher"),
                get("/api/v1/series?match[]=" + enc("{job=~\".*\"}")));
        assertJson(
                200,
                "{\"status\":\"success\",\"data\":[\"__name__\",\"code\",\"instance\",\"job\"]}",
                get("/api/v1/labels"));
        assertJson(
                200,
                "{\"status\":\"success\",\"data\":[\"__name__\",\"instance\",\"job\"]}",
                get("/api/v1/labels?match[]=up"));
        assertJson(
                200,
                "{\"status\":\"success\",\"data\":[\"api\",\"db\"]}",
                get("/api/v1/label/job/values"));
        assertJson(
                200,
                "{\"status\":\"success\",\"data\":[\"200\",\"500\"]}",
                get("/api/v1/label/code/values?match[]=http_requests_total"));
        assertJson(
                200,
                "{\"status\":\"success\",\"data\":[]}",
                get("/api/v1/label/code/values?match[]=up"));
        // U__ escapes a name: "U__c_6f_de" is "code".
        assertJson(
                200,
                "{\"status\":\"success\",\"data\":[\"200\",\"500\"]}",
                get("/api/v1/label/U__c_6f_de/values"));
    }

    @Test
    void limitCutsResultsWithAWarning() throws Exception {
        Evaluation all = engine.evaluateInstant(STORE, "up", T0);
        QueryValue.Vector v = (QueryValue.Vector) all.value();
        assertEquals(2, v.samples().size());
        assertJson(
                200,
                PrometheusJson.querySuccess(
                        new QueryValue.Vector(v.samples().subList(0, 1)),
                        List.of("results truncated due to limit"),
                        List.of()),
                get("/api/v1/query?query=up&time=1704067200&limit=1"));
        assertJson(
                200,
                PrometheusJson.querySuccess(all.value()),
                get("/api/v1/query?query=up&time=1704067200&limit=2"));
        assertJson(
                200,
                "{\"status\":\"success\",\"data\":[{\"__name__\":\"up\",\"instance\":\"a:1\",\"job\":\"api\"}],"
                        + "\"warnings\":[\"results truncated due to limit\"]}",
                get("/api/v1/series?match[]=up&limit=1"));
        assertJson(
                200,
                "{\"status\":\"success\",\"data\":[\"__name__\",\"code\"],"
                        + "\"warnings\":[\"results truncated due to limit\"]}",
                get("/api/v1/labels?limit=2"));
        assertJson(
                400,
                PrometheusJson.error(
                        "bad_data",
                        "invalid parameter \"limit\": strconv.Atoi: parsing \"x\": invalid syntax"),
                get("/api/v1/query?query=up&limit=x"));
        assertJson(
                400,
                PrometheusJson.error(
                        "bad_data", "invalid parameter \"limit\": limit must be non-negative"),
                get("/api/v1/label/job/values?limit=-1"));
    }

    @Test
    void lookbackDeltaIsPerQuery() throws Exception {
        // The newest samples are at 00:05:00; 00:05:40 is within a 1m lookback, not within 30s.
        EngineOptions d = EngineOptions.defaults();
        try (Engine shortLookback =
                new Engine(
                        new EngineOptions(
                                30_000,
                                d.defaultSubqueryStepMillis(),
                                d.maxSamples(),
                                d.timeout(),
                                1))) {
            Evaluation expected = shortLookback.evaluateInstant(STORE, "up", T0 + 340_000);
            assertEquals(List.of(), ((QueryValue.Vector) expected.value()).samples());
            assertJson(
                    200,
                    PrometheusJson.querySuccess(expected.value()),
                    get("/api/v1/query?query=up&time=1704067540&lookback_delta=30s"));
        }
        Evaluation usual = engine.evaluateInstant(STORE, "up", T0 + 340_000);
        assertEquals(2, ((QueryValue.Vector) usual.value()).samples().size());
        assertJson(
                200,
                PrometheusJson.querySuccess(usual.value()),
                get("/api/v1/query?query=up&time=1704067540"));
        assertJson(
                400,
                PrometheusJson.error(
                        "bad_data",
                        "error parsing lookback delta duration: cannot parse \"x\" to a valid"
                                + " duration"),
                get("/api/v1/query?query=up&lookback_delta=x"));
    }

    @Test
    void buildInfoMetadataAndRouting() throws Exception {
        HttpResponse<String> info = get("/api/v1/status/buildinfo");
        assertEquals(200, info.statusCode());
        assertTrue(
                info.body()
                        .startsWith(
                                "{\"status\":\"success\",\"data\":{\"version\":\"0.1.0-SNAPSHOT\""),
                info.body());
        assertJson(200, "{\"status\":\"success\",\"data\":{}}", get("/api/v1/metadata"));
        HttpResponse<String> missing = get("/api/v1/nothing");
        assertEquals(404, missing.statusCode());
        assertEquals("404 page not found\n", missing.body());
        HttpResponse<String> wrongMethod = post("/api/v1/metadata", "");
        assertEquals(405, wrongMethod.statusCode());
    }

    @Test
    void metricsCountRequestsByHandlerAndCode() throws Exception {
        get("/api/v1/query?query=up&time=1704067200");
        get("/api/v1/query?query=up(");
        HttpResponse<String> r = get("/metrics");
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
        Map<Labels, Double> samples = new HashMap<>();
        new ExpositionParser(ExpositionFormat.PROMETHEUS, "/metrics")
                .withDefaultTimestamp(0)
                .parse(r.body().getBytes(StandardCharsets.UTF_8), (l, t, v) -> samples.put(l, v));
        Labels ok =
                Labels.of(
                        "__name__", "weir_http_requests_total",
                        "code", "200",
                        "handler", "/api/v1/query");
        Labels bad =
                Labels.of(
                        "__name__", "weir_http_requests_total",
                        "code", "400",
                        "handler", "/api/v1/query");
        assertTrue(samples.getOrDefault(ok, 0.0) >= 1, r.body());
        assertTrue(samples.getOrDefault(bad, 0.0) >= 1, r.body());
        Labels count =
                Labels.of("__name__", "weir_query_duration_seconds_count", "type", "instant");
        assertTrue(samples.getOrDefault(count, 0.0) >= 1, r.body());
        Labels inf =
                Labels.of(
                        "__name__", "weir_query_duration_seconds_bucket",
                        "type", "instant",
                        "le", "+Inf");
        assertEquals(samples.get(count), samples.get(inf));
    }

    @Test
    void requestTimeoutLimitsTheQuery() throws Exception {
        assertJson(
                503,
                PrometheusJson.error("timeout", "query timed out in query queue"),
                get("/api/v1/query?query=up&timeout=0s"));
    }
}
