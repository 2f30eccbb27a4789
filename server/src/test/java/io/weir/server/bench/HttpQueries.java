package io.weir.server.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/** Range queries to a running server over HTTP/1.1, as a dashboard or Grafana sends them. */
final class HttpQueries {
    private static final byte[] SUCCESS =
            "{\"status\":\"success\"".getBytes(StandardCharsets.UTF_8);

    private final HttpClient client =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String base;

    /** Bytes of the last answer. */
    long lastBytes;

    /** The last answer. */
    byte[] lastBody;

    HttpQueries(String serverUrl) {
        this.base = serverUrl;
    }

    /** {@code GET /api/v1/query_range}; fails unless the answer is a success. */
    void range(String query, long startMillis, long endMillis, long stepMillis)
            throws IOException, InterruptedException {
        String url =
                base
                        + "/api/v1/query_range?query="
                        + URLEncoder.encode(query, StandardCharsets.UTF_8)
                        + "&start="
                        + seconds(startMillis)
                        + "&end="
                        + seconds(endMillis)
                        + "&step="
                        + seconds(stepMillis);
        HttpResponse<byte[]> r =
                client.send(
                        HttpRequest.newBuilder(URI.create(url)).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        byte[] body = r.body();
        if (r.statusCode() != 200 || !startsWith(body, SUCCESS)) {
            throw new IllegalStateException(
                    "query " + query + " failed: " + r.statusCode() + " " + head(body));
        }
        lastBytes = body.length;
        lastBody = body;
    }

    /** {@code GET} of a path that answers with bytes; fails unless it answers 200. */
    byte[] get(String path) throws IOException, InterruptedException {
        HttpResponse<byte[]> r =
                client.send(
                        HttpRequest.newBuilder(URI.create(base + path)).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " failed: " + r.statusCode());
        }
        return r.body();
    }

    private static String seconds(long millis) {
        return millis % 1000 == 0 ? Long.toString(millis / 1000) : Double.toString(millis / 1e3);
    }

    private static boolean startsWith(byte[] body, byte[] prefix) {
        if (body.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (body[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static String head(byte[] body) {
        return new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8);
    }
}
