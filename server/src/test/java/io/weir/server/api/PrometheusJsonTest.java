package io.weir.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.weir.promql.eval.QueryValue;
import io.weir.promql.model.Labels;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Bodies checked by hand against Prometheus's encoders (web/api/v1/json_codec.go). */
class PrometheusJsonTest {

    @Test
    void vector() {
        QueryValue v =
                new QueryValue.Vector(
                        List.of(
                                new QueryValue.Sample(
                                        Labels.of(
                                                "__name__", "up", "job", "api", "instance", "a:1"),
                                        1435781451781L,
                                        1),
                                new QueryValue.Sample(Labels.EMPTY, 1435781451000L, 0.5)));
        assertEquals(
                "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":["
                        + "{\"metric\":{\"__name__\":\"up\",\"instance\":\"a:1\",\"job\":\"api\"},"
                        + "\"value\":[1435781451.781,\"1\"]},"
                        + "{\"metric\":{},\"value\":[1435781451,\"0.5\"]}]}}",
                PrometheusJson.querySuccess(v));
    }

    @Test
    void matrixOmitsValuesOfAnEmptySeries() {
        QueryValue m =
                new QueryValue.Matrix(
                        List.of(
                                new QueryValue.Series(
                                        Labels.of("a", "1"),
                                        new long[] {1000, 61_005, 120_050},
                                        new double[] {1, Double.NaN, Double.NEGATIVE_INFINITY}),
                                new QueryValue.Series(
                                        Labels.of("a", "2"), new long[0], new double[0])));
        assertEquals(
                "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":["
                        + "{\"metric\":{\"a\":\"1\"},\"values\":[[1,\"1\"],[61.005,\"NaN\"],"
                        + "[120.050,\"-Inf\"]]},{\"metric\":{\"a\":\"2\"}}]}}",
                PrometheusJson.querySuccess(m));
        assertEquals(
                "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[]}}",
                PrometheusJson.querySuccess(new QueryValue.Matrix(List.of())));
    }

    @Test
    void sampleValuesSwitchToExponentsAtTheEdges() {
        StringBuilder sb = new StringBuilder();
        for (double v :
                new double[] {
                    1e-6,
                    9.99e-7,
                    1e20,
                    1e21,
                    -1.5e21,
                    0.1 + 0.2,
                    123456789.125,
                    -0.0,
                    0,
                    1e-320,
                    Double.parseDouble("123456789012345678901234")
                }) {
            PrometheusJson.appendSampleValue(sb, v);
            sb.append(' ');
        }
        assertEquals(
                "\"0.000001\" \"9.99e-07\" \"100000000000000000000\" \"1e+21\" \"-1.5e+21\""
                        + " \"0.30000000000000004\" \"123456789.125\" \"-0\" \"0\" \"1e-320\""
                        + " \"1.2345678901234569e+23\" ",
                sb.toString());
    }

    @Test
    void negativeTimestamps() {
        StringBuilder sb = new StringBuilder();
        PrometheusJson.appendTimestamp(sb, -1500);
        sb.append(' ');
        PrometheusJson.appendTimestamp(sb, -5);
        sb.append(' ');
        PrometheusJson.appendTimestamp(sb, 1050);
        // Prometheus keeps three decimals once there is a fraction.
        assertEquals("-1.500 -0.005 1.050", sb.toString());
    }

    @Test
    void scalarIsAlwaysInPlainDecimals() {
        assertEquals(
                "{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\","
                        + "\"result\":[1.5,\"0.0000001\"]}}",
                PrometheusJson.querySuccess(new QueryValue.Scalar(1500, 1e-7)));
        assertEquals(
                "{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\","
                        + "\"result\":[0,\"+Inf\"]}}",
                PrometheusJson.querySuccess(new QueryValue.Scalar(0, Double.POSITIVE_INFINITY)));
    }

    @Test
    void escaping() {
        QueryValue v =
                new QueryValue.Vector(
                        List.of(
                                new QueryValue.Sample(
                                        Labels.of("a", "<q\"\\\n\t\u0001\b&\u2028é>"), 0, 1)));
        assertEquals(
                "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":["
                        + "{\"metric\":{\"a\":\"<q\\\"\\\\\\n\\t\\u0001\\u0008&\u2028é>\"},"
                        + "\"value\":[0,\"1\"]}]}}",
                PrometheusJson.querySuccess(v));
        assertEquals(
                "{\"status\":\"success\",\"data\":{\"resultType\":\"string\","
                        + "\"result\":[0.001,\"\\u003ca\\u0026\\b\\f\\u2028\\u0001\\ufffd\"]}}",
                PrometheusJson.querySuccess(
                        new QueryValue.StringValue(1, "<a&\b\f\u2028\u0001\ud800")));
    }

    @Test
    void warningsInfosAndErrors() {
        assertEquals(
                "{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\","
                        + "\"result\":[0,\"1\"]},\"warnings\":[\"w \\u003e 1\"],\"infos\":[\"i\"]}",
                PrometheusJson.querySuccess(
                        new QueryValue.Scalar(0, 1), List.of("w > 1"), List.of("i")));
        assertEquals(
                "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":"
                        + "\"1:5: parse error: unexpected \\u003cEOF\\u003e\"}",
                PrometheusJson.error("bad_data", "1:5: parse error: unexpected <EOF>"));
    }
}
