package io.weir.server.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.weir.promql.eval.QueryValue;
import io.weir.promql.model.Labels;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Prometheus's {@code promtool query instant|range -o json} against the Weir server; its JSON (the
 * Prometheus model's vector or matrix) read back as a {@link QueryValue.Matrix}, an instant vector
 * as a matrix of one point per series.
 */
final class Promtool {
    static final Path PATH = Path.of("/usr/bin/promtool");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String server;

    Promtool(String server) {
        this.server = server;
    }

    /** Where promtool is: {@code $PROMTOOL}, else Debian's /usr/bin/promtool; null if neither. */
    static Path find() {
        String env = System.getenv("PROMTOOL");
        Path p = env != null && !env.isBlank() ? Path.of(env) : PATH;
        return Files.isExecutable(p) ? p : null;
    }

    QueryValue.Matrix instant(String expr, long timeMs) throws IOException, InterruptedException {
        return run(
                List.of("query", "instant", "-o", "json", "--time", seconds(timeMs), server, expr));
    }

    QueryValue.Matrix range(String expr, long startMs, long endMs, long stepMs)
            throws IOException, InterruptedException {
        return run(
                List.of(
                        "query",
                        "range",
                        "-o",
                        "json",
                        "--start",
                        seconds(startMs),
                        "--end",
                        seconds(endMs),
                        "--step",
                        (stepMs / 1000) + "s",
                        server,
                        expr));
    }

    private static String seconds(long ms) {
        return ms % 1000 == 0
                ? Long.toString(ms / 1000)
                : java.math.BigDecimal.valueOf(ms, 3).toPlainString();
    }

    private QueryValue.Matrix run(List<String> args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(find().toString());
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("promtool did not finish: " + cmd);
        }
        if (p.exitValue() != 0) {
            throw new IOException(
                    "promtool failed ("
                            + p.exitValue()
                            + "): "
                            + String.join(" ", cmd)
                            + "\n"
                            + new String(err, StandardCharsets.UTF_8)
                            + new String(out, StandardCharsets.UTF_8));
        }
        return parse(JSON.readTree(out));
    }

    /** A JSON array of {metric, value} (vector) or {metric, values} (matrix). */
    static QueryValue.Matrix parse(JsonNode node) throws IOException {
        if (!node.isArray()) {
            throw new IOException("promtool printed neither a vector nor a matrix: " + node);
        }
        List<QueryValue.Series> series = new ArrayList<>();
        for (JsonNode s : node) {
            Map<String, String> labels = new TreeMap<>();
            for (Map.Entry<String, JsonNode> e : s.path("metric").properties()) {
                labels.put(e.getKey(), e.getValue().asText());
            }
            List<JsonNode> points = new ArrayList<>();
            if (s.has("value")) {
                points.add(s.get("value"));
            } else {
                s.path("values").forEach(points::add);
            }
            long[] ts = new long[points.size()];
            double[] vs = new double[points.size()];
            for (int i = 0; i < ts.length; i++) {
                JsonNode pt = points.get(i);
                ts[i] = Math.round(pt.get(0).asDouble() * 1000);
                vs[i] = value(pt.get(1).asText());
            }
            series.add(new QueryValue.Series(Labels.fromMap(labels), ts, vs));
        }
        return new QueryValue.Matrix(series);
    }

    private static double value(String s) {
        return switch (s) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(s);
        };
    }
}
