package io.weir.server.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * Serves the web page: {@code /} is the page, {@code /ui/<file>} its scripts, style sheet and icon.
 * The files are a fixed list read once from the classpath, so no request path ever reaches the file
 * system or the class loader.
 */
public final class WebPage implements HttpHandler {
    private static final String UI_PREFIX = "/ui/";
    private static final String RESOURCES = "/io/weir/server/web/";

    /**
     * Everything the page loads comes from this server; the policy makes a stray external URL fail
     * loudly in the browser (and in the browser test) instead of leaking requests.
     */
    private static final String CONTENT_SECURITY_POLICY =
            "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none';"
                    + " form-action 'self'; frame-ancestors 'none'";

    private static final Map<String, String> TYPES =
            Map.of(
                    "html", "text/html; charset=utf-8",
                    "js", "text/javascript; charset=utf-8",
                    "css", "text/css; charset=utf-8",
                    "svg", "image/svg+xml");

    /** The files under {@code /ui/}; {@code /} is {@code index.html}. */
    private static final String[] FILES = {
        "index.html", "app.js", "chart.js", "views.js", "format.js", "style.css", "icon.svg"
    };

    private final Map<String, Asset> assets;

    /** One file's bytes and headers; a class, as a record would compare the array by identity. */
    private static final class Asset {
        final byte[] body;
        final String contentType;
        final String etag;

        Asset(byte[] body, String contentType, String etag) {
            this.body = body;
            this.contentType = contentType;
            this.etag = etag;
        }
    }

    /** Reads the page's files from the classpath; a missing file is a packaging bug. */
    public WebPage() {
        Map<String, Asset> byPath = new HashMap<>();
        for (String file : FILES) {
            Asset asset = load(file);
            byPath.put(UI_PREFIX + file, asset);
            if (file.equals("index.html")) {
                byPath.put("/", asset);
            }
        }
        this.assets = Map.copyOf(byPath);
    }

    /** Whether {@code path} is the page's: exactly {@code /}, or under {@code /ui/}. */
    public static boolean serves(String path) {
        return path.equals("/") || path.startsWith(UI_PREFIX);
    }

    /** Answers a request for one of {@link #serves(String)}'s paths and closes the exchange. */
    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            serve(exchange);
        }
    }

    /**
     * Answers a request for one of {@link #serves(String)}'s paths and returns the status sent. The
     * caller closes the exchange.
     */
    public int serve(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        boolean head = method.equals("HEAD");
        Asset asset = assets.get(exchange.getRequestURI().getPath());
        if (asset == null) {
            return text(exchange, 404, "404 page not found\n");
        }
        if (!head && !method.equals("GET")) {
            exchange.getResponseHeaders().set("Allow", "GET, HEAD");
            return text(exchange, 405, "Method Not Allowed\n");
        }
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", asset.contentType);
        headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        headers.set("X-Content-Type-Options", "nosniff");
        // Revalidate every time: the files are small and change with every release of the jar.
        headers.set("Cache-Control", "no-cache");
        headers.set("ETag", asset.etag);
        String ifNoneMatch = exchange.getRequestHeaders().getFirst("If-None-Match");
        if (asset.etag.equals(ifNoneMatch)) {
            exchange.sendResponseHeaders(304, -1);
            return 304;
        }
        if (head) {
            exchange.sendResponseHeaders(200, -1);
            return 200;
        }
        exchange.sendResponseHeaders(200, asset.body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(asset.body);
        }
        return 200;
    }

    private static int text(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
        return status;
    }

    private static Asset load(String file) {
        try (InputStream in = WebPage.class.getResourceAsStream(RESOURCES + file)) {
            if (in == null) {
                throw new IllegalStateException("the web page's file is missing: " + file);
            }
            byte[] body = in.readAllBytes();
            String extension = file.substring(file.lastIndexOf('.') + 1);
            return new Asset(body, TYPES.get(extension), etag(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String etag(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return "\"" + HexFormat.of().formatHex(digest, 0, 12) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
