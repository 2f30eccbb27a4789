package io.weir.server.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.weir.promql.eval.SampleStore;
import io.weir.server.api.PrometheusJson;
import io.weir.server.cache.ResultsCache;
import io.weir.server.live.LiveHub;
import io.weir.server.live.LiveStream;
import io.weir.server.views.CombinedStore;
import io.weir.server.web.WebPage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Prometheus's HTTP query API over raw samples and views, the views API, import, and live push, on
 * the JDK's built-in HTTP server. {@code /} and {@code /ui/...} belong to the web page ({@link
 * ApiOptions#webHandler()}, by default {@link WebPage}).
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
    private static final String VIEWS_PREFIX = "/api/v1/views/";
    private static final String LIVE_SUFFIX = "/live";

    static {
        // The JDK's HTTP server leaves Nagle's algorithm on: a response written in two parts
        // waits for the client's delayed ACK, about 40 ms on every request of a kept-alive
        // connection (Grafana's). Read once, when the server's configuration class loads.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    /** Live streams at once; each holds a thread. */
    static final int MAX_LIVE_STREAMS = 256;

    /** The largest body of a view registration, rules file or import. */
    private static final int MAX_WRITE_BODY = 256 << 20;

    private final HttpServer server;
    private final ThreadPoolExecutor executor;
    private final ThreadPoolExecutor liveExecutor;
    private final QueryEndpoints queries;
    private final SeriesEndpoints series;
    private final ViewEndpoints views;
    private final ImportEndpoint imports;
    private final RuleGroups rules;
    private final ServerMetrics metrics;
    private final ApiBackends backends;
    private final boolean ownsBackends;
    private final BearerAuth auth;
    private final LiveHub live;
    private final ResultsCache cache;
    private final AutoCloseable cacheSubscription;
    private final com.sun.net.httpserver.HttpHandler web;
    private volatile Duration keepAlive = LiveStream.KEEP_ALIVE;

    private ApiServer(ApiBackends backends, boolean ownsBackends, ApiOptions options)
            throws IOException {
        this.backends = backends;
        this.ownsBackends = ownsBackends;
        this.metrics = new ServerMetrics(options.maxConcurrentQueries());
        SampleStore store = new CombinedStore(backends.samples(), backends.views());
        this.cache =
                options.resultsCacheBytes() > 0
                        ? new ResultsCache(options.resultsCacheBytes())
                        : null;
        this.cacheSubscription = cache == null ? null : backends.views().subscribe(cache);
        Answering answering =
                new Answering(
                        store,
                        backends.views(),
                        backends.registry(),
                        cache,
                        options.cacheMinAge().toMillis(),
                        backends.rawProgress(),
                        Clock.systemUTC());
        this.queries = new QueryEndpoints(answering, options, metrics);
        this.series = new SeriesEndpoints(store, options.maxSeries());
        this.views = new ViewEndpoints(backends.registry());
        this.rules = new RuleGroups(backends.registry());
        this.imports = new ImportEndpoint(backends.importer());
        this.auth = new BearerAuth(options.bearerToken());
        this.live = new LiveHub(backends.views(), LiveHub.DEFAULT_QUEUE);
        this.web = options.webHandler() != null ? options.webHandler() : new WebPage();
        metrics.add(sb -> PartMetrics.write(sb, cache, live));
        AtomicInteger liveThreads = new AtomicInteger();
        this.liveExecutor =
                new ThreadPoolExecutor(
                        0,
                        MAX_LIVE_STREAMS,
                        60,
                        TimeUnit.SECONDS,
                        new SynchronousQueue<>(),
                        r -> {
                            Thread t = new Thread(r, "weir-live-" + liveThreads.incrementAndGet());
                            t.setDaemon(true);
                            return t;
                        },
                        new ThreadPoolExecutor.AbortPolicy());
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

    /**
     * Binds and starts serving raw samples from {@code store}, with views in memory (registered
     * views are listed but nothing computes them; see {@link ApiBackends#inMemory}); {@link
     * #close()} stops.
     */
    public static ApiServer start(SampleStore store, ApiOptions options) throws IOException {
        ApiServer s = new ApiServer(ApiBackends.inMemory(store), true, options);
        s.server.start();
        return s;
    }

    /** Binds and starts serving {@code backends}, which the caller closes after the server. */
    public static ApiServer start(ApiBackends backends, ApiOptions options) throws IOException {
        ApiServer s = new ApiServer(backends, false, options);
        s.server.start();
        return s;
    }

    /** What the server serves. */
    public ApiBackends backends() {
        return backends;
    }

    /** Live streams' keep-alive interval; tests shorten it. */
    void keepAlive(Duration d) {
        keepAlive = d;
    }

    LiveHub live() {
        return live;
    }

    ResultsCache cache() {
        return cache;
    }

    /** The bound address, with the port chosen when port 0 was asked for. */
    /**
     * Adds lines of the Prometheus text format to {@code /metrics}: the ingestion's progress and
     * lag, for example. {@code writer} is called on every scrape.
     */
    public void addMetrics(java.util.function.Supplier<String> writer) {
        metrics.add(sb -> sb.append(writer.get()));
    }

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
        String path = exchange.getRequestURI().getPath();
        if (web != null && (path.equals("/") || path.startsWith("/ui/"))) {
            int status = 500;
            try {
                web.handle(exchange);
                status = exchange.getResponseCode();
            } finally {
                metrics.request("/", status);
            }
            return;
        }
        String handler = "other";
        int status = 500;
        boolean handedOff = false;
        try {
            String method = exchange.getRequestMethod();
            Response response;
            String labelName = labelNameOf(path);
            String viewName = null;
            if (labelName != null) {
                handler = "/api/v1/label/:name/values";
            } else if (path.startsWith(VIEWS_PREFIX)) {
                String rest = path.substring(VIEWS_PREFIX.length());
                if (rest.endsWith(LIVE_SUFFIX)) {
                    handler = "/api/v1/views/:name/live";
                    viewName = rest.substring(0, rest.length() - LIVE_SUFFIX.length());
                } else {
                    handler = "/api/v1/views/:name";
                    viewName = rest;
                }
                if (viewName.isEmpty() || viewName.indexOf('/') >= 0) {
                    handler = null;
                }
            } else {
                handler = knownHandler(path);
            }
            if (handler == null) {
                handler = "other";
                response = Response.text(404, "404 page not found\n");
            } else if (!allowed(handler, method)) {
                response = Response.text(405, "Method Not Allowed\n");
            } else if (handler.equals("/api/v1/views/:name/live")) {
                response = startLive(exchange, viewName);
                handedOff = response == null;
                if (handedOff) {
                    status = 200;
                    return;
                }
            } else {
                response = respond(exchange, handler, labelName, viewName);
            }
            status = response.status;
            byte[] body = response.body.getBytes(StandardCharsets.UTF_8);
            if (status == 401) {
                exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
            }
            exchange.getResponseHeaders().set("Content-Type", response.contentType);
            exchange.getResponseHeaders().add("Vary", "Accept-Encoding");
            List<String> accepted = exchange.getRequestHeaders().get("Accept-Encoding");
            ContentCoding coding =
                    ContentCoding.accepted(accepted == null ? null : String.join(",", accepted));
            if (body.length > 0 && coding != ContentCoding.IDENTITY) {
                body = coding.encode(body);
                exchange.getResponseHeaders().set("Content-Encoding", coding.header);
            }
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        } finally {
            if (!handedOff) {
                exchange.close();
            }
            metrics.request(handler, status);
        }
    }

    /**
     * Starts a live stream on a thread of its own (streams last, and must not hold the request
     * pool); null when started, else the error response.
     */
    private Response startLive(HttpExchange exchange, String view) {
        if (!backends.registry().isActive(view)) {
            ApiError e = ViewEndpoints.notFound(view);
            return new Response(
                    e.type().status, JSON, PrometheusJson.error(e.type().wire, e.getMessage()));
        }
        LiveHub.Subscription sub = live.subscribe(view);
        try {
            liveExecutor.execute(() -> stream(exchange, sub));
            return null;
        } catch (RejectedExecutionException e) {
            sub.close();
            return new Response(
                    503,
                    JSON,
                    PrometheusJson.error(
                            "unavailable",
                            "too many live streams (limit: " + MAX_LIVE_STREAMS + ")"));
        }
    }

    private void stream(HttpExchange exchange, LiveHub.Subscription sub) {
        try (exchange) {
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
            exchange.getResponseHeaders().set("Cache-Control", "no-cache");
            exchange.sendResponseHeaders(200, 0); // chunked: the stream has no length
            try (OutputStream out = exchange.getResponseBody()) {
                LiveStream.run(sub, out, keepAlive);
            }
        } catch (IOException e) {
            // the client went away
        } finally {
            sub.close();
        }
    }

    private Response respond(
            HttpExchange exchange, String handler, String labelName, String viewName)
            throws IOException {
        try {
            String method = exchange.getRequestMethod();
            if (isWrite(handler, method)) {
                auth.check(exchange);
                return new Response(200, JSON, write(exchange, handler, method, viewName));
            }
            if (handler.equals("/api/v1/views")) {
                return new Response(200, JSON, views.list());
            }
            if (handler.equals("/api/v1/views/:name")) {
                return new Response(200, JSON, views.get(viewName));
            }
            FormParams p = FormParams.of(exchange);
            String body =
                    switch (handler) {
                        case "/api/v1/query" -> queries.instant(p);
                        case "/api/v1/query_range" -> queries.range(p);
                        case "/api/v1/rules" -> rules.list(p);
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

    private static boolean isWrite(String handler, String method) {
        return switch (handler) {
            case "/api/v1/views", "/api/v1/views/:name", "/api/v1/rules", "/api/v1/import" ->
                    method.equals("POST") || method.equals("DELETE");
            default -> false;
        };
    }

    private String write(HttpExchange exchange, String handler, String method, String viewName)
            throws IOException, ApiError {
        if (method.equals("DELETE")) {
            return views.drop(viewName);
        }
        byte[] body = body(exchange);
        return switch (handler) {
            case "/api/v1/views" -> views.register(new String(body, StandardCharsets.UTF_8));
            case "/api/v1/rules" -> views.rules(new String(body, StandardCharsets.UTF_8));
            case "/api/v1/import" -> imports.handle(body);
            default -> throw new IllegalStateException("unrouted write " + handler);
        };
    }

    private static byte[] body(HttpExchange exchange) throws IOException, ApiError {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readNBytes(MAX_WRITE_BODY + 1);
            if (bytes.length > MAX_WRITE_BODY) {
                throw ApiError.badData("request body too large");
            }
            return bytes;
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
                    "/api/v1/views",
                    "/api/v1/rules",
                    "/api/v1/import",
                    "/metrics" ->
                    path;
            default -> null;
        };
    }

    /** The methods Prometheus routes for each endpoint. */
    private static boolean allowed(String handler, String method) {
        return switch (handler) {
            case "/api/v1/query",
                    "/api/v1/query_range",
                    "/api/v1/series",
                    "/api/v1/labels",
                    "/api/v1/views" ->
                    method.equals("GET") || method.equals("POST");
            case "/api/v1/views/:name" -> method.equals("GET") || method.equals("DELETE");
            case "/api/v1/rules" -> method.equals("GET") || method.equals("POST");
            case "/api/v1/import" -> method.equals("POST");
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
        live.close();
        server.stop(1);
        executor.shutdownNow();
        liveExecutor.shutdownNow();
        queries.close();
        if (cacheSubscription != null) {
            try {
                cacheSubscription.close();
            } catch (Exception e) {
                // the view store is closing too
            }
        }
        if (ownsBackends) {
            backends.close();
            backends.views().close();
        }
    }
}
