package io.weir.job.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.weir.promql.model.Labels;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The Weir server as a process ({@code weir.jar serve --kafka ... --data-dir ...}): it consumes the
 * metrics, results and queries topics into its RocksDB stores and answers Prometheus's query API.
 */
final class WeirServer {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path jar;
    private final Path dataDir;
    private final String bootstrapServers;
    private final int port;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private JavaProcess process;
    private int starts;
    private int fromViews;
    private int fromCache;

    WeirServer(Path jar, Path dataDir, String bootstrapServers) {
        this.jar = jar;
        this.dataDir = dataDir;
        this.bootstrapServers = bootstrapServers;
        this.port = Ports.free();
    }

    /** Whether this build of the server consumes Kafka ({@code serve --kafka}); else why not. */
    static String unsupported(Path jar) throws IOException, InterruptedException {
        if (!Files.isRegularFile(jar)) {
            return "no server jar at " + jar + "; build the server module in the same run";
        }
        Process p =
                new ProcessBuilder(
                                JavaProcess.javaBinary(), "-jar", jar.toString(), "serve", "--help")
                        .redirectErrorStream(true)
                        .start();
        String help = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(1, TimeUnit.MINUTES);
        return help.contains("--kafka") ? null : "weir serve has no --kafka yet";
    }

    /** Starts the server on its data directory and waits until it answers. */
    void start() throws Exception {
        starts++;
        Path log = dataDir.resolveSibling("server-" + starts + ".log");
        Files.createDirectories(dataDir);
        process =
                JavaProcess.startJar(
                        "weir-server",
                        jar,
                        List.of("-Xmx512m"),
                        List.of(
                                "serve",
                                "--kafka",
                                bootstrapServers,
                                "--data-dir",
                                dataDir.toString(),
                                "--listen",
                                "127.0.0.1:" + port),
                        log);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (true) {
            try {
                get("/api/v1/status/buildinfo");
                return;
            } catch (IOException e) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new IOException("the server did not start; see " + log, e);
                }
                Thread.sleep(200);
            }
        }
    }

    /**
     * How many range queries so far the server said it answered (partly) from views and from its
     * results cache ({@code explain=true}), and resets the counts.
     */
    String answeredFrom() {
        String s = fromViews + " answered from views, " + fromCache + " from the results cache";
        fromViews = 0;
        fromCache = 0;
        return s;
    }

    /** SIGKILL. */
    JavaProcess kill() throws InterruptedException {
        process.kill();
        return process;
    }

    void stop() throws InterruptedException {
        if (process != null) {
            process.stop();
        }
    }

    /**
     * The server's range query, point by point, keyed as the view {@code view}'s results are (the
     * metric name kept as the evaluator's result keeps it).
     */
    Map<ResultKey, Double> rangeQuery(String view, String query, long start, long end, long step)
            throws IOException, InterruptedException {
        JsonNode data =
                get(
                        "/api/v1/query_range?query="
                                + URLEncoder.encode(query, StandardCharsets.UTF_8)
                                + "&start="
                                + seconds(start)
                                + "&end="
                                + seconds(end)
                                + "&step="
                                + seconds(step)
                                + "&explain=true");
        JsonNode explain = data.path("data").path("explain");
        if (explain.path("views").size() > 0) {
            fromViews++;
        }
        if (explain.path("cache").path("cachedSteps").asLong() > 0) {
            fromCache++;
        }
        Map<ResultKey, Double> out = new HashMap<>();
        for (JsonNode series : data.path("data").path("result")) {
            Map<String, String> labels = new HashMap<>();
            for (Map.Entry<String, JsonNode> e : series.path("metric").properties()) {
                labels.put(e.getKey(), e.getValue().asText());
            }
            Labels l = Labels.fromMap(labels);
            for (JsonNode point : series.path("values")) {
                long t = Math.round(point.get(0).asDouble() * 1000);
                out.put(new ResultKey(view, l, t), parseFloat(point.get(1).asText()));
            }
        }
        return out;
    }

    private static double parseFloat(String s) {
        return switch (s) {
            case "NaN" -> Double.NaN;
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(s);
        };
    }

    private static String seconds(long millis) {
        return java.math.BigDecimal.valueOf(millis, 3).toPlainString();
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> r =
                http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                .timeout(Duration.ofSeconds(30))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException(path + ": " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body());
    }
}
