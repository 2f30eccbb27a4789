package io.weir.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weir.promql.eval.MemorySampleStore;
import io.weir.server.http.ApiOptions;
import io.weir.server.http.ApiServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The page's files over real HTTP from the API server: what is served, with which headers. */
class WebPageTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static ApiServer server;

    @BeforeAll
    static void start() throws Exception {
        server = ApiServer.start(new MemorySampleStore(), ApiOptions.loopback(0));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> send(String method, String path, String ifNoneMatch)
            throws Exception {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create(server.url() + path))
                        .method(method, HttpRequest.BodyPublishers.noBody());
        if (ifNoneMatch != null) {
            b.header("If-None-Match", ifNoneMatch);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    @Test
    void theRootIsThePageWithAPolicyThatKeepsItOnThisServer() throws Exception {
        HttpResponse<String> r = send("GET", "/", null);
        assertEquals(200, r.statusCode());
        assertEquals("text/html; charset=utf-8", r.headers().firstValue("Content-Type").get());
        assertTrue(r.body().contains("<script type=\"module\" src=\"/ui/app.js\">"), r.body());
        String policy = r.headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(policy.startsWith("default-src 'self';"), policy);
        assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(""));
    }

    @Test
    void everyFileThePageLoadsIsServedWithItsType() throws Exception {
        for (List<String> file :
                List.of(
                        List.of("/ui/app.js", "text/javascript; charset=utf-8"),
                        List.of("/ui/chart.js", "text/javascript; charset=utf-8"),
                        List.of("/ui/views.js", "text/javascript; charset=utf-8"),
                        List.of("/ui/format.js", "text/javascript; charset=utf-8"),
                        List.of("/ui/style.css", "text/css; charset=utf-8"),
                        List.of("/ui/icon.svg", "image/svg+xml"))) {
            HttpResponse<String> r = send("GET", file.get(0), null);
            assertEquals(200, r.statusCode(), file.get(0));
            assertEquals(file.get(1), r.headers().firstValue("Content-Type").get(), file.get(0));
            assertTrue(r.body().length() > 100, file.get(0));
        }
    }

    @Test
    void anUnchangedFileIsNotSentAgain() throws Exception {
        HttpResponse<String> first = send("GET", "/ui/app.js", null);
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertEquals("no-cache", first.headers().firstValue("Cache-Control").orElse(""));
        HttpResponse<String> again = send("GET", "/ui/app.js", etag);
        assertEquals(304, again.statusCode());
        assertEquals("", again.body());
        assertEquals(200, send("GET", "/ui/app.js", "\"other\"").statusCode());
    }

    @Test
    void onlyTheListedFilesAndOnlyReading() throws Exception {
        assertEquals(404, send("GET", "/ui/", null).statusCode());
        assertEquals(404, send("GET", "/ui/nope.js", null).statusCode());
        assertEquals(404, send("GET", "/ui/../WebPage.class", null).statusCode());
        assertEquals(404, send("GET", "/ui/%2e%2e/WebPage.class", null).statusCode());
        assertEquals(404, send("GET", "/index.html", null).statusCode());
        assertEquals(405, send("POST", "/", null).statusCode());
        HttpResponse<String> head = send("HEAD", "/", null);
        assertEquals(200, head.statusCode());
        assertEquals("", head.body());
    }
}
