package io.weir.server.http;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A request's parameters as Go's {@code Request.ParseForm} gathers them: the form-encoded POST body
 * first, then the URL's query string, so that {@link #first} prefers the body as {@code FormValue}
 * does.
 */
final class FormParams {
    /** Go reads at most 10 MB of a form body. */
    private static final int MAX_BODY = 10 << 20;

    private final Map<String, List<String>> values;

    private FormParams(Map<String, List<String>> values) {
        this.values = values;
    }

    static FormParams of(HttpExchange exchange) throws IOException, ApiError {
        Map<String, List<String>> values = new LinkedHashMap<>();
        if ("POST".equals(exchange.getRequestMethod()) && isForm(exchange)) {
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                byte[] bytes = in.readNBytes(MAX_BODY + 1);
                if (bytes.length > MAX_BODY) {
                    throw ApiError.badData("error parsing form values: http: POST too large");
                }
                body = new String(bytes, StandardCharsets.UTF_8);
            }
            parseInto(body, values);
        }
        String query = exchange.getRequestURI().getRawQuery();
        if (query != null) {
            parseInto(query, values);
        }
        return new FormParams(values);
    }

    /** Parses {@code a=1&b=2} text; visible for tests. */
    static FormParams parse(String text) throws ApiError {
        Map<String, List<String>> values = new LinkedHashMap<>();
        parseInto(text, values);
        return new FormParams(values);
    }

    private static boolean isForm(HttpExchange exchange) {
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        return type != null
                && type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
    }

    private static void parseInto(String text, Map<String, List<String>> values) throws ApiError {
        for (String pair : text.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            try {
                values.computeIfAbsent(decode(key), k -> new ArrayList<>()).add(decode(value));
            } catch (IllegalArgumentException e) {
                throw ApiError.badData("error parsing form values: invalid URL escape in " + pair);
            }
        }
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    /** The first value of {@code name}, or {@code ""} when absent, as Go's {@code FormValue}. */
    String first(String name) {
        List<String> v = values.get(name);
        return v == null || v.isEmpty() ? "" : v.get(0);
    }

    /** Every value of {@code name}, body values first. */
    List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }
}
