package io.weir.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.weir.connectors.text.ExpositionException;
import io.weir.connectors.text.ExpositionFormat;
import io.weir.connectors.text.ExpositionParser;
import io.weir.promql.PromqlException;
import io.weir.promql.parser.PromqlParser;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A stand-in for the server's views and import endpoints, built to the HTTP contract, for the
 * client commands' tests until those endpoints are on main: it validates queries with the real
 * parser, parses imports with the real exposition parser, and checks the bearer token.
 */
final class StandInViewsApi implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final String token;
    final Map<String, ObjectNode> views = new LinkedHashMap<>();
    final List<String> importContentTypes = new ArrayList<>();
    final List<String> importedSeries = new ArrayList<>();
    int imports;

    StandInViewsApi(String token) throws IOException {
        this.token = token;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private synchronized void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            String method = ex.getRequestMethod();
            boolean write = !method.equals("GET");
            if (write
                    && token != null
                    && !("Bearer " + token)
                            .equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                error(ex, 401, "unauthorized", "missing or wrong bearer token");
                return;
            }
            byte[] body = ex.getRequestBody().readAllBytes();
            if (path.equals("/api/v1/views") && method.equals("POST")) {
                JsonNode v = JSON.readTree(body);
                ObjectNode view = register(ex, v);
                if (view != null) {
                    success(ex, view);
                }
            } else if (path.equals("/api/v1/views") && method.equals("GET")) {
                ArrayNode list = JSON.createArrayNode();
                views.values().forEach(list::add);
                success(ex, list);
            } else if (path.startsWith("/api/v1/views/") && method.equals("DELETE")) {
                String name = path.substring("/api/v1/views/".length());
                if (views.remove(name) == null) {
                    error(ex, 404, "not_found", "view \"" + name + "\" not found");
                } else {
                    success(ex, JSON.createObjectNode());
                }
            } else if (path.equals("/api/v1/rules") && method.equals("POST")) {
                // Two rules, as a fixed answer: the test checks the client, not YAML parsing.
                String yaml = new String(body, StandardCharsets.UTF_8);
                ArrayNode list = JSON.createArrayNode();
                for (String record : List.of("job:requests:rate1m", "job:errors:rate1m")) {
                    if (yaml.contains(record)) {
                        ObjectNode v = JSON.createObjectNode();
                        v.put("name", record).put("query", "rate(x[1m])").put("step", "1m");
                        views.put(record, v);
                        list.add(v);
                    }
                }
                success(ex, list);
            } else if (path.equals("/api/v1/import") && method.equals("POST")) {
                importChunk(ex, body);
            } else {
                error(ex, 404, "not_found", "no endpoint " + method + " " + path);
            }
        }
    }

    private ObjectNode register(HttpExchange ex, JsonNode v) throws IOException {
        String query = v.path("query").asText();
        try {
            PromqlParser.parse(query);
        } catch (PromqlException e) {
            error(ex, 400, "bad_data", e.getMessage());
            return null;
        }
        if (!v.hasNonNull("step")) {
            error(ex, 400, "bad_data", "missing step");
            return null;
        }
        ObjectNode view = JSON.createObjectNode();
        view.put("name", v.path("name").asText());
        view.put("query", query);
        view.put("step", v.path("step").asText());
        view.put("lateness", v.path("lateness").asText("0s"));
        view.put("retention", v.path("retention").asText("0s"));
        view.put("status", "running");
        view.putNull("lastFinalStep");
        view.put("lagSeconds", 75.0);
        views.put(view.path("name").asText(), view);
        return view;
    }

    private void importChunk(HttpExchange ex, byte[] body) throws IOException {
        String type = ex.getRequestHeaders().getFirst("Content-Type");
        importContentTypes.add(type);
        ExpositionFormat format =
                type != null && type.startsWith("application/openmetrics-text")
                        ? ExpositionFormat.OPENMETRICS
                        : ExpositionFormat.PROMETHEUS;
        List<String> series = new ArrayList<>();
        long n;
        try {
            n = new ExpositionParser(format, "body").parse(body, (s, t, v) -> series.add(s + ""));
        } catch (ExpositionException e) {
            error(ex, 400, "bad_data", e.getMessage());
            return;
        }
        imports++;
        importedSeries.addAll(series);
        ObjectNode data = JSON.createObjectNode();
        data.put("samples", n);
        success(ex, data);
    }

    private static void success(HttpExchange ex, JsonNode data) throws IOException {
        ObjectNode o = JSON.createObjectNode();
        o.put("status", "success");
        o.set("data", data);
        send(ex, 200, o);
    }

    private static void error(HttpExchange ex, int status, String type, String message)
            throws IOException {
        ObjectNode o = JSON.createObjectNode();
        o.put("status", "error");
        o.put("errorType", type);
        o.put("error", message);
        send(ex, status, o);
    }

    private static void send(HttpExchange ex, int status, JsonNode body) throws IOException {
        byte[] b = JSON.writeValueAsBytes(body);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, b.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(b);
        }
    }
}
