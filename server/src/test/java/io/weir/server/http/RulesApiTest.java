package io.weir.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.weir.connectors.codec.ResultKind;
import io.weir.connectors.codec.ResultRecord;
import io.weir.promql.eval.MemorySampleStore;
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
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/v1/rules} answers in Prometheus's shape (groups of recording rules with name,
 * query, labels, health, evaluationTime, lastEvaluation, type), with each rule's expression and
 * labels as its rules file had them, and Prometheus's filters and paging.
 */
class RulesApiTest {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final String RULES =
            """
            groups:
              - name: http
                interval: 30s
                rules:
                  - record: job:requests:rate5m
                    expr: sum by (job) (rate(http_requests_total[5m]))
                    labels:
                      team: web
                      cost: $5
                  - record: requests:rate5m
                    expr: sum(job:requests:rate5m)
              - name: other
                rules:
                  - record: up:count
                    expr: count(up)
            """;

    private final MemoryViewStore views = new MemoryViewStore();
    private ViewRegistry registry;
    private ApiServer server;

    @BeforeEach
    void start() throws Exception {
        registry = new ViewRegistry(new MemoryControlLog(), views, Clock.systemUTC());
        server =
                ApiServer.start(
                        new ApiBackends(new MemorySampleStore(), views, registry, null),
                        ApiOptions.loopback(0));
        assertEquals(200, send("POST", "/api/v1/rules", RULES).statusCode());
        // up:count has a result: it is healthy and was last evaluated at its last final step.
        views.write(
                List.of(
                        new ResultRecord(
                                "up:count",
                                Labels.EMPTY,
                                1_704_067_260_000L,
                                3,
                                ResultKind.FINAL)));
    }

    @AfterEach
    void stop() {
        server.close();
        registry.close();
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + path));
        b.method(
                method,
                body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String get(String query) throws Exception {
        return send("GET", "/api/v1/rules" + query, null).body();
    }

    private static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static final String RATE_RULE =
            "{\"name\":\"job:requests:rate5m\",\"query\":\"sum by (job)"
                    + " (rate(http_requests_total[5m]))\",\"labels\":{\"cost\":\"$5\","
                    + "\"team\":\"web\"},\"health\":\"unknown\",\"evaluationTime\":0,"
                    + "\"lastEvaluation\":\"0001-01-01T00:00:00Z\",\"type\":\"recording\"}";
    private static final String SUM_RULE =
            "{\"name\":\"requests:rate5m\",\"query\":\"sum(job:requests:rate5m)\","
                    + "\"labels\":{},\"health\":\"unknown\",\"evaluationTime\":0,"
                    + "\"lastEvaluation\":\"0001-01-01T00:00:00Z\",\"type\":\"recording\"}";
    private static final String GROUP_30S_HEAD =
            "{\"name\":\"weir views every 30s\",\"file\":\"weir.queries\",\"rules\":[";
    private static final String GROUP_30S_TAIL =
            "],\"interval\":30,\"limit\":0,\"evaluationTime\":0,"
                    + "\"lastEvaluation\":\"0001-01-01T00:00:00Z\"}";
    private static final String GROUP_1M =
            "{\"name\":\"weir views every 1m\",\"file\":\"weir.queries\",\"rules\":["
                    + "{\"name\":\"up:count\",\"query\":\"count(up)\",\"labels\":{},"
                    + "\"health\":\"ok\",\"evaluationTime\":0,"
                    + "\"lastEvaluation\":\"2024-01-01T00:01:00Z\",\"type\":\"recording\"}],"
                    + "\"interval\":60,\"limit\":0,\"evaluationTime\":0,"
                    + "\"lastEvaluation\":\"2024-01-01T00:01:00Z\"}";

    private static String answer(String groups) {
        return "{\"status\":\"success\",\"data\":{\"groups\":[" + groups + "]}}";
    }

    @Test
    void rulesAreListedAsPrometheusListsThemWithTheirOwnExpressionAndLabels() throws Exception {
        String all = GROUP_30S_HEAD + RATE_RULE + "," + SUM_RULE + GROUP_30S_TAIL + "," + GROUP_1M;
        assertEquals(answer(all), get(""));
        assertEquals(answer(all), get("?type=record&exclude_alerts=true"));
        assertEquals(answer(""), get("?type=alert"));
    }

    @Test
    void filtersSelectRulesAndGroups() throws Exception {
        assertEquals(
                answer(GROUP_30S_HEAD + SUM_RULE + GROUP_30S_TAIL),
                get("?rule_name[]=requests:rate5m"));
        assertEquals(answer(GROUP_1M), get("?rule_group[]=" + q("weir views every 1m")));
        assertEquals(answer(""), get("?file[]=other.yml"));
        assertEquals(
                answer(GROUP_30S_HEAD + RATE_RULE + GROUP_30S_TAIL),
                get("?match[]=" + q("{team=\"web\"}")));
    }

    @Test
    void groupsComeInPages() throws Exception {
        String token = RuleGroups.token("weir views every 1m");
        assertEquals(
                "{\"status\":\"success\",\"data\":{\"groups\":["
                        + GROUP_30S_HEAD
                        + RATE_RULE
                        + ","
                        + SUM_RULE
                        + GROUP_30S_TAIL
                        + "],\"groupNextToken\":\""
                        + token
                        + "\"}}",
                get("?group_limit=1"));
        assertEquals(answer(GROUP_1M), get("?group_limit=1&group_next_token=" + token));
    }

    @Test
    void badParametersAreRefusedAsPrometheusRefusesThem() throws Exception {
        HttpResponse<String> r = send("GET", "/api/v1/rules?type=alerts", null);
        assertEquals(400, r.statusCode());
        assertEquals(
                "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"invalid parameter"
                        + " \\\"type\\\": not supported value \\\"alerts\\\"\"}",
                r.body());
        assertEquals(
                "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"invalid parameter"
                        + " \\\"group_next_token\\\": group_limit needs to be present in order to"
                        + " paginate over the groups\"}",
                get("?group_next_token=abc"));
        assertEquals(
                "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"invalid parameter"
                        + " \\\"group_limit\\\": group_limit needs to be greater than 0\"}",
                get("?group_limit=0"));
        assertEquals(
                "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"invalid parameter"
                        + " \\\"group_next_token\\\": invalid group_next_token 'abc'. were rule"
                        + " groups changed?\"}",
                get("?group_limit=1&group_next_token=abc"));
    }
}
