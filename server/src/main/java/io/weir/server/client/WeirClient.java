package io.weir.server.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * A client of the Weir server's HTTP API: the views API, the Prometheus query endpoints and the
 * import endpoint. Every answer is Prometheus's envelope; an error envelope, or an answer that is
 * not JSON, becomes an {@link ApiException} carrying the server's message.
 */
public final class WeirClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final String token;
    private final HttpClient http;
    private final Duration timeout;

    /**
     * @param server the server's base URL, e.g. {@code http://127.0.0.1:9090}
     * @param token the bearer token sent with every request, or null
     * @param timeout how long one request may take
     */
    public WeirClient(URI server, String token, Duration timeout) {
        String s = server.toString();
        this.base = URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
        this.token = token;
        this.timeout = timeout;
        this.http =
                HttpClient.newBuilder()
                        .connectTimeout(Duration.ofSeconds(10))
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .build();
    }

    /** The server's base URL. */
    public URI server() {
        return base;
    }

    /** Registers a view; returns the view as the server stored it. */
    public JsonNode registerView(ViewDefinition view) throws IOException, ApiException {
        ObjectNode body = JSON.createObjectNode();
        body.put("name", view.name());
        body.put("query", view.query());
        body.put("step", view.step());
        if (view.lateness() != null) {
            body.put("lateness", view.lateness());
        }
        if (view.retention() != null) {
            body.put("retention", view.retention());
        }
        return data(
                send(
                        request("/api/v1/views")
                                .header("Content-Type", "application/json")
                                .POST(
                                        HttpRequest.BodyPublishers.ofString(
                                                JSON.writeValueAsString(body)))));
    }

    /** Registers every rule of a Prometheus recording-rules file; returns the list of views. */
    public JsonNode registerRules(String yaml) throws IOException, ApiException {
        return data(
                send(
                        request("/api/v1/rules")
                                .header("Content-Type", "application/yaml")
                                .POST(
                                        HttpRequest.BodyPublishers.ofString(
                                                yaml, StandardCharsets.UTF_8))));
    }

    /** The list of views with their status and lag. */
    public JsonNode views() throws IOException, ApiException {
        return data(viewsBody());
    }

    /** The body of {@code GET /api/v1/views}, as the server wrote it. */
    public String viewsBody() throws IOException, ApiException {
        return send(request("/api/v1/views").GET());
    }

    /** Drops a view. */
    public void dropView(String name) throws IOException, ApiException {
        send(request("/api/v1/views/" + pathSegment(name)).DELETE());
    }

    /** An instant query at {@code time} (Prometheus's time syntax), or now when null. */
    public String query(String expr, String time) throws IOException, ApiException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("query", expr);
        if (time != null) {
            form.put("time", time);
        }
        return postForm("/api/v1/query", form);
    }

    /** A range query; the body as the server wrote it. */
    public String queryRange(String expr, String start, String end, String step)
            throws IOException, ApiException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("query", expr);
        form.put("start", start);
        form.put("end", end);
        form.put("step", step);
        return postForm("/api/v1/query_range", form);
    }

    /**
     * Sends one chunk of Prometheus text or OpenMetrics to {@code POST /api/v1/import}; returns the
     * number of samples the server took.
     */
    public long importChunk(byte[] body, int length, String contentType)
            throws IOException, ApiException {
        JsonNode data =
                data(
                        send(
                                request("/api/v1/import")
                                        .header("Content-Type", contentType)
                                        .POST(
                                                HttpRequest.BodyPublishers.ofByteArray(
                                                        body, 0, length))));
        return data.path("samples").asLong();
    }

    /** The {@code data} of a success envelope. */
    public static JsonNode data(String body) throws ApiException {
        return envelope(body).path("data");
    }

    /** A success envelope ({@code status}, {@code data}, {@code warnings}, {@code infos}). */
    public static JsonNode envelope(String body) throws ApiException {
        return envelope(200, body, "the server");
    }

    private String postForm(String path, Map<String, String> form)
            throws IOException, ApiException {
        StringJoiner j = new StringJoiner("&");
        form.forEach(
                (k, v) ->
                        j.add(
                                URLEncoder.encode(k, StandardCharsets.UTF_8)
                                        + "="
                                        + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return send(
                request(path)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(j.toString())));
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout);
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    /** Sends a request; returns the body of a success envelope, throws the server's error. */
    private String send(HttpRequest.Builder builder) throws IOException, ApiException {
        HttpRequest request = builder.build();
        HttpResponse<String> response;
        try {
            response =
                    http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw new IOException("cannot reach the server at " + base + " (is it running?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        String body = response.body();
        envelope(response.statusCode(), body, request.method() + " " + request.uri().getPath());
        return body;
    }

    private static JsonNode envelope(int status, String body, String what) throws ApiException {
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (IOException e) {
            node = null;
        }
        if (node == null || !node.isObject() || !node.has("status")) {
            String start = body.length() > 200 ? body.substring(0, 200) + "..." : body;
            throw new ApiException(
                    status, "http", "HTTP " + status + " from " + what + ": " + start.strip());
        }
        if (!node.path("status").asText().equals("success")) {
            throw new ApiException(
                    status, node.path("errorType").asText("unknown"), node.path("error").asText());
        }
        if (status / 100 != 2) {
            throw new ApiException(status, "http", "HTTP " + status + " from " + what);
        }
        return node;
    }

    private static String pathSegment(String s) {
        // URLEncoder encodes for forms: a space is '+', which a path must write as %20.
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
