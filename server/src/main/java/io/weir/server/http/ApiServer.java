package io.weir.server.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.weir.promql.eval.SampleStore;
import io.weir.server.api.PrometheusJson;
import io.weir.server.web.WebPage;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Prometheus's HTTP query API over a {@link SampleStore}, on the JDK's built-in HTTP server.
 *
 * <p>Requests run on a bounded pool: twice the query slots (queries waiting in the queue hold a
 * thread) plus a few for the cheap endpoints. When its queue is full too, the accepting thread runs
 * the request itself, which stops it accepting more: back-pressure rather than unbounded memory.
 */
public final class ApiServer implements AutoCloseable {
    /** The weir version reported at {@code /api/v1/status/buildinfo}. */
    static final String VERSION = "0.1.0-SNAPSHOT";

    private static final String JSON = "application/json";
    private static final String LABEL_PREFIX = "/api/v1/label/";
    private static final String VALUES_SUFFIX = "/values";

    private final HttpServer server;
    private final ThreadPoolExecutor executor;
    private final QueryEndpoints queries;
    private final SeriesEndpoints series;
    private final ServerMetrics metrics;
    private final WebPage webPage = new WebPage();

    private ApiServer(SampleStore store, ApiOptions options) throws IOException {
        this.metrics = new ServerMetrics(options.maxConcurrentQueries());
        this.queries = new QueryEndpoints(store, options, metrics);
        this.series = new SeriesEndpoints(store);
        int threads = 2 * options.maxConcurrentQueries() + 4;
        AtomicInteger n = new AtomicInteger();
        this.executor =
                new ThreadPoolExecutor(
                        threads,
                        threads,
                        60,
                        TimeUnit.SECONDS,
                        new ArrayBlockingQueue<>(1024),
                        r -> {
                            Thread t = new Thread(r, "weir-http-" + n.incrementAndGet());
                            t.setDaemon(true);
                            return t;
                        },
                        new ThreadPoolExecutor.CallerRunsPolicy());
        executor.allowCoreThreadTimeOut(true);
        this.server = HttpServer.create(options.listen(), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
    }

    /** Binds and starts serving; {@link #close()} stops. */
    public static ApiServer start(SampleStore store, ApiOptions options) throws IOException {
        ApiServer s = new ApiServer(store, options);
        s.server.start();
        return s;
    }

    /** The bound address, with the port chosen when port 0 was asked for. */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** {@code http://host:port}. */
    public String url() {
        InetSocketAddress a = address();
        String host = a.getAddress().getHostAddress();
        if (host.indexOf(':') >= 0) {
            host = "[" + host + "]";
        }
        return "http://" + host + ":" + a.getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String handler = "other";
        int status = 500;
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (WebPage.serves(path)) {
                handler = "/ui";
                status = webPage.serve(exchange);
                return;
            }
            String method = exchange.getRequestMethod();
            Response response;
            String labelName = labelNameOf(path);
            if (labelName != null) {
                handler = "/api/v1/label/:name/values";
            } else {
                handler = knownHandler(path);
            }
            if (handler == null) {
                handler = "other";
                response = Response.text(404, "404 page not found\n");
            } else if (!allowed(handler, method)) {
                response = Response.text(405, "Method Not Allowed\n");
            } else {
                response = respond(exchange, handler, labelName);
            }
            status = response.status;
            byte[] body = response.body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", response.contentType);
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        } finally {
            metrics.request(handler, status);
        }
    }

    private Response respond(HttpExchange exchange, String handler, String labelName)
            throws IOException {
        try {
            FormParams p = FormParams.of(exchange);
            String body =
                    switch (handler) {
                        case "/api/v1/query" -> queries.instant(p);
                        case "/api/v1/query_range" -> queries.range(p);
                        case "/api/v1/series" -> series.series(p);
                        case "/api/v1/labels" -> series.labelNames(p);
                        case "/api/v1/label/:name/values" -> series.labelValues(labelName, p);
                        case "/api/v1/status/buildinfo" -> Json.success(buildInfo());
                        case "/api/v1/metadata" -> Json.success("{}");
                        case "/metrics" -> null; // written below in the text format, not as JSON
                        default -> throw new IllegalStateException("unrouted " + handler);
                    };
            if (body == null) {
                return new Response(
                        200, "text/plain; version=0.0.4; charset=utf-8", metrics.exposition());
            }
            return new Response(200, JSON, body);
        } catch (ApiError e) {
            return new Response(
                    e.type().status, JSON, PrometheusJson.error(e.type().wire, e.getMessage()));
        } catch (RuntimeException e) {
            return new Response(
                    500, JSON, PrometheusJson.error("internal", String.valueOf(e.getMessage())));
        }
    }

    private static String knownHandler(String path) {
        return switch (path) {
            case "/api/v1/query",
                    "/api/v1/query_range",
                    "/api/v1/series",
                    "/api/v1/labels",
                    "/api/v1/status/buildinfo",
                    "/api/v1/metadata",
                    "/metrics" ->
                    path;
            default -> null;
        };
    }

    /** The methods Prometheus routes for each endpoint. */
    private static boolean allowed(String handler, String method) {
        return switch (handler) {
            case "/api/v1/query", "/api/v1/query_range", "/api/v1/series", "/api/v1/labels" ->
                    method.equals("GET") || method.equals("POST");
            default -> method.equals("GET");
        };
    }

    /** The {@code <name>} of {@code /api/v1/label/<name>/values}, or null for another path. */
    private static String labelNameOf(String path) {
        if (!path.startsWith(LABEL_PREFIX) || !path.endsWith(VALUES_SUFFIX)) {
            return null;
        }
        int from = LABEL_PREFIX.length();
        int to = path.length() - VALUES_SUFFIX.length();
        if (to < from) {
            return null;
        }
        String name = path.substring(from, to);
        return name.indexOf('/') >= 0 ? null : name;
    }

    private static String buildInfo() {
        StringBuilder sb = new StringBuilder(160);
        sb.append("{\"version\":");
        Json.string(sb, VERSION);
        sb.append(",\"revision\":\"\",\"branch\":\"\",\"buildUser\":\"\",\"buildDate\":\"\"");
        sb.append(",\"goVersion\":");
        // Clients only display this field; the runtime here is Java's.
        Json.string(sb, "java" + Runtime.version().feature());
        return sb.append('}').toString();
    }

    private record Response(int status, String contentType, String body) {
        static Response text(int status, String body) {
            return new Response(status, "text/plain; charset=utf-8", body);
        }
    }

    /** Stops accepting, lets requests in flight end for up to a second, then stops the pool. */
    @Override
    public void close() {
        server.stop(1);
        executor.shutdownNow();
        queries.close();
    }
}
