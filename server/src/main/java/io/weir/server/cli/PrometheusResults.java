package io.weir.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.weir.connectors.text.FloatParser;
import io.weir.promql.eval.QueryValue;
import io.weir.promql.model.Labels;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the {@code data} of Prometheus's query API ({@code resultType} and {@code result}) back
 * into a {@link QueryValue}, so that a server's answer prints as {@code weir eval} prints its own.
 */
final class PrometheusResults {
    private PrometheusResults() {}

    static QueryValue parse(JsonNode data) {
        String type = data.path("resultType").asText();
        JsonNode result = data.path("result");
        return switch (type) {
            case "scalar" -> new QueryValue.Scalar(millis(result.get(0)), value(result.get(1)));
            case "string" ->
                    new QueryValue.StringValue(millis(result.get(0)), result.get(1).asText());
            case "vector" -> {
                List<QueryValue.Sample> samples = new ArrayList<>();
                for (JsonNode s : result) {
                    JsonNode v = s.path("value");
                    samples.add(
                            new QueryValue.Sample(
                                    labels(s.path("metric")), millis(v.get(0)), value(v.get(1))));
                }
                yield new QueryValue.Vector(samples);
            }
            case "matrix" -> {
                List<QueryValue.Series> series = new ArrayList<>();
                for (JsonNode s : result) {
                    JsonNode values = s.path("values");
                    long[] ts = new long[values.size()];
                    double[] vs = new double[values.size()];
                    for (int i = 0; i < ts.length; i++) {
                        ts[i] = millis(values.get(i).get(0));
                        vs[i] = value(values.get(i).get(1));
                    }
                    series.add(new QueryValue.Series(labels(s.path("metric")), ts, vs));
                }
                yield new QueryValue.Matrix(series);
            }
            default -> throw new IllegalArgumentException("unknown resultType \"" + type + "\"");
        };
    }

    private static Labels labels(JsonNode metric) {
        Map<String, String> m = new TreeMap<>();
        for (Map.Entry<String, JsonNode> e : metric.properties()) {
            m.put(e.getKey(), e.getValue().asText());
        }
        return Labels.fromMap(m);
    }

    /** Seconds with up to millisecond decimals, exactly (no binary rounding). */
    private static long millis(JsonNode t) {
        return new BigDecimal(t.asText()).movePointRight(3).longValue();
    }

    /** Prometheus writes values as strings: "1.5", "+Inf", "NaN". */
    private static double value(JsonNode v) {
        return FloatParser.parse(v.asText());
    }
}
