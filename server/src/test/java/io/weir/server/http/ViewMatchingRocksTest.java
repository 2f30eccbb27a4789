package io.weir.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import io.weir.server.store.RocksViewStore;
import io.weir.server.views.MemoryControlLog;
import io.weir.server.views.ViewRegistry;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** View matching over the RocksDB view store gives the evaluator's answer too. */
class ViewMatchingRocksTest {
    private static final long T0 = 1_704_067_200_000L;
    private static final long MIN = 60_000;

    @TempDir Path dir;

    @Test
    void aViewInRocksDbAnswersAsTheEvaluator() throws Exception {
        MemorySampleStore samples = new MemorySampleStore();
        for (int i = 0; i <= 4 * 90; i++) {
            for (String code : new String[] {"200", "404", "500"}) {
                samples.append(
                        Labels.of("__name__", "req_total", "code", code),
                        T0 + i * 15_000L,
                        i * (code.length() + code.charAt(0)) + (i % 5) * 0.5);
            }
        }
        String q = "sum by (code) (rate(req_total[5m]))";
        try (RocksViewStore views = RocksViewStore.open(dir.resolve("views"));
                Engine engine = new Engine(EngineOptions.defaults())) {
            ViewRegistry registry =
                    new ViewRegistry(new MemoryControlLog(), views, Clock.systemUTC());
            registry.register(
                    new QueryRegistration(
                            "code_rate", q, Duration.ofMinutes(1), Duration.ZERO, Duration.ZERO));
            List<ResultRecord> out = new ArrayList<>();
            for (QueryValue.Series s :
                    engine.rangeQuery(samples, q, T0, T0 + 80 * MIN, MIN).series()) {
                for (int i = 0; i < s.size(); i++) {
                    out.add(
                            new ResultRecord(
                                    "code_rate",
                                    s.labels(),
                                    s.timestamps()[i],
                                    s.values()[i],
                                    ResultKind.FINAL));
                }
            }
            views.write(out);
            String query = "topk(2, " + q + ") * 60";
            Evaluation raw =
                    engine.evaluateRange(samples, query, T0 + 10 * MIN, T0 + 90 * MIN, MIN);
            try (ApiServer server =
                    ApiServer.start(
                            new ApiBackends(samples, views, registry, null),
                            ApiOptions.loopback(0))) {
                String url =
                        server.url()
                                + "/api/v1/query_range?query="
                                + URLEncoder.encode(query, StandardCharsets.UTF_8)
                                + "&start="
                                + (T0 + 10 * MIN) / 1000
                                + "&end="
                                + (T0 + 90 * MIN) / 1000
                                + "&step=60";
                HttpClient client = HttpClient.newHttpClient();
                HttpResponse<String> r =
                        client.send(
                                HttpRequest.newBuilder(URI.create(url)).build(),
                                HttpResponse.BodyHandlers.ofString());
                assertEquals(
                        PrometheusJson.querySuccess(raw.value(), raw.warnings(), raw.infos()),
                        r.body());
                HttpResponse<String> e =
                        client.send(
                                HttpRequest.newBuilder(URI.create(url + "&explain=true")).build(),
                                HttpResponse.BodyHandlers.ofString());
                assertTrue(e.body().contains("\"view\":\"code_rate\""), e.body());
            } finally {
                registry.close();
            }
        }
    }
}
