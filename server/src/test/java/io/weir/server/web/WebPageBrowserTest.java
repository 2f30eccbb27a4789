package io.weir.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.weir.connectors.codec.ResultKind;
import io.weir.connectors.codec.ResultRecord;
import io.weir.promql.eval.MemorySampleStore;
import io.weir.promql.model.Labels;
import io.weir.server.http.ApiOptions;
import io.weir.server.http.ApiServer;
import io.weir.server.views.ViewStore;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The web page in a real headless Chromium, driven over the DevTools protocol, against a real
 * {@link ApiServer}: the page loads without a JavaScript error, a query draws one point per step of
 * its result, the server's error message reaches the user, and a view's chart grows as results are
 * stored.
 *
 * <p>Skipped, with a message saying what to install, when the machine has no Chromium.
 */
class WebPageBrowserTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** How long the page gets to reach an expected state before the test gives up. */
    private static final long PAGE_WAIT_MILLIS = 30_000;

    private static final long SCRAPE_MILLIS = 15_000;

    /** Now, rounded down to a minute, so query steps fall on whole minutes. */
    private static final long NOW_MILLIS = System.currentTimeMillis() / 60_000 * 60_000;

    private static final MemorySampleStore SAMPLES = new MemorySampleStore();
    private static ApiServer server;
    private static Chromium chromium;
    private static DevTools page;

    /** What went wrong in the page since the last navigation: script errors, console errors. */
    private static final List<String> PAGE_ERRORS = new ArrayList<>();

    /** Why the tests are skipped, or null when the browser is there. */
    private static String missingBrowser;

    @BeforeAll
    static void start() throws Exception {
        Path binary = Chromium.binary();
        if (!Files.isExecutable(binary)) {
            missingBrowser =
                    "no Chromium at "
                            + binary
                            + " (install Debian's package: apt-get install -y chromium)";
            // CI installs the browser and sets this, so that losing it fails instead of skipping.
            if (System.getenv("WEIR_REQUIRE_CHROMIUM") != null) {
                throw new IllegalStateException(
                        "WEIR_REQUIRE_CHROMIUM is set but " + missingBrowser);
            }
            System.err.println("browser tests skipped: " + missingBrowser);
            return;
        }
        // Three hours of two counters and a gauge, scraped every 15 s up to now.
        for (long t = NOW_MILLIS - 3 * 3_600_000L; t <= NOW_MILLIS; t += SCRAPE_MILLIS) {
            long i = (t - NOW_MILLIS) / SCRAPE_MILLIS;
            SAMPLES.append(
                    Labels.of("__name__", "demo_requests_total", "job", "api"), t, 1000 + 7.0 * i);
            SAMPLES.append(
                    Labels.of("__name__", "demo_requests_total", "job", "db"), t, 5000 + 3.0 * i);
            SAMPLES.append(
                    Labels.of("__name__", "demo_temperature_celsius", "room", "lab"),
                    t,
                    20 + Math.sin(i / 20.0));
        }
        server = ApiServer.start(SAMPLES, ApiOptions.loopback(0));
        chromium = Chromium.start(binary);
        page = DevTools.attachToPage(chromium.devToolsHttp());
        page.on(
                "Runtime.exceptionThrown",
                p -> {
                    JsonNode details = p.path("exceptionDetails");
                    String description = details.path("exception").path("description").asText();
                    pageError(
                            "uncaught "
                                    + (description.isEmpty() ? details.toString() : description));
                });
        page.on(
                "Runtime.consoleAPICalled",
                p -> {
                    String type = p.path("type").asText();
                    if (type.equals("error") || type.equals("assert")) {
                        pageError("console." + type + " " + p.path("args"));
                    }
                });
        page.on(
                "Log.entryAdded",
                p -> {
                    JsonNode entry = p.path("entry");
                    // A 4xx answer is logged by the network layer; the tests that provoke one
                    // check what the page shows instead. Everything else is the page's fault:
                    // script errors, blocked resources, content-security-policy violations.
                    if (entry.path("level").asText().equals("error")
                            && !entry.path("source").asText().equals("network")) {
                        pageError(entry.path("source").asText() + ": " + entry.path("text"));
                    }
                });
        page.call("Runtime.enable", Map.of());
        page.call("Log.enable", Map.of());
        page.call("Page.enable", Map.of());
    }

    @AfterAll
    static void stop() {
        if (page != null) {
            page.close();
        }
        if (chromium != null) {
            chromium.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private static void pageError(String error) {
        synchronized (PAGE_ERRORS) {
            PAGE_ERRORS.add(error);
        }
    }

    @BeforeEach
    void clearErrors() {
        // Per test rather than once for the class, so that each one is reported as skipped.
        assumeTrue(missingBrowser == null, () -> "browser test skipped: " + missingBrowser);
        synchronized (PAGE_ERRORS) {
            PAGE_ERRORS.clear();
        }
    }

    /**
     * Keeps what the page looked like at the end of every test in {@code
     * target/web-test/<test>.png}: the first thing to look at when one fails.
     */
    @AfterEach
    void screenshot(TestInfo test) throws IOException, InterruptedException {
        if (page == null) {
            return;
        }
        JsonNode shot = page.call("Page.captureScreenshot", Map.of("format", "png"));
        Path dir = Path.of("target", "web-test");
        Files.createDirectories(dir);
        String name = test.getTestMethod().map(m -> m.getName()).orElse("page");
        Files.write(
                dir.resolve(name + ".png"), Base64.getDecoder().decode(shot.path("data").asText()));
    }

    @AfterEach
    void pageHadNoErrors() {
        if (page == null) {
            return;
        }
        synchronized (PAGE_ERRORS) {
            if (!PAGE_ERRORS.isEmpty()) {
                System.err.println("the browser's last output:\n" + chromium.recentOutput());
            }
            assertEquals(List.of(), PAGE_ERRORS, "errors in the page");
        }
    }

    @Test
    void aDeepLinkedQueryDrawsOnePointPerStep() throws Exception {
        String query = "sum by (job) (rate(demo_requests_total[5m]))";
        long end = NOW_MILLIS / 1000;
        long start = end - 1800;
        String params = "query=" + enc(query) + "&start=" + start + "&end=" + end + "&step=60";
        open("/?" + params);

        JsonNode drawn =
                waitFor(
                        """
                        const result = document.getElementById('query-result');
                        const paths = document.querySelectorAll('#query-chart path.series');
                        if (result.getAttribute('aria-busy') !== 'false' || paths.length === 0) {
                          return null;
                        }
                        return {
                          lines: [...paths].map((p) => ({
                            labels: p.querySelector('title').textContent,
                            points: Number(p.dataset.points),
                            commands: (p.getAttribute('d').match(/[ML]/g) || []).length,
                          })),
                          legend: [...document.querySelectorAll('#query-legend li')]
                            .map((li) => li.textContent),
                          valueTicks: document.querySelectorAll('#query-chart text.tick').length,
                          error: document.getElementById('query-error').hidden,
                        };
                        """,
                        "the query's chart");

        // What the server answers for the same query, steps counted per series.
        JsonNode answer = getJson("/api/v1/query_range?" + params);
        Map<String, Integer> expected = new TreeMap<>();
        for (JsonNode series : answer.path("data").path("result")) {
            expected.put(selector(series.path("metric")), series.path("values").size());
        }
        assertEquals(
                Map.of("{job=\"api\"}", 31, "{job=\"db\"}", 31),
                expected,
                "the fixture: two series, one value per minute over 30 minutes");
        Map<String, Integer> onScreen = new TreeMap<>();
        for (JsonNode line : drawn.path("lines")) {
            onScreen.put(line.path("labels").asText(), line.path("points").asInt());
            assertEquals(
                    line.path("points").asInt(),
                    line.path("commands").asInt(),
                    "a path has one M or L command per point drawn: " + line);
        }
        assertEquals(expected, onScreen);
        assertEquals(List.copyOf(expected.keySet()), texts(drawn.path("legend")));
        assertTrue(drawn.path("valueTicks").asInt() >= 4, "axis ticks: " + drawn);
        assertTrue(drawn.path("error").asBoolean(), "no error shown: " + drawn);

        // Hovering the middle of the chart shows the time and both series' values there.
        JsonNode box =
                page.evaluate(
                        "(() => { const r = document.getElementById('query-chart')"
                                + ".getBoundingClientRect();"
                                + " return { x: r.left + r.width / 2, y: r.top + r.height / 2 };"
                                + " })()");
        page.call(
                "Input.dispatchMouseEvent",
                Map.of(
                        "type", "mouseMoved",
                        "x", box.path("x").asDouble(),
                        "y", box.path("y").asDouble()));
        JsonNode tooltip =
                waitFor(
                        "const tip = document.querySelector('#query-result .tooltip');"
                                + " return !tip.hidden && [...tip.children].map((r) => r.textContent);",
                        "the tooltip");
        assertEquals(3, tooltip.size(), "a time and two values: " + tooltip);
        assertTrue(tooltip.get(1).asText().startsWith("{job=\"api\"}: 0.4"), tooltip.toString());
    }

    @Test
    void aBadQueryTypedAndEnteredShowsTheServersMessage() throws Exception {
        open("/?range=1h");
        String bad = "sum(rate(demo_requests_total[5m])";
        page.evaluate("document.getElementById('query').focus()");
        page.call("Input.insertText", Map.of("text", bad));
        pressEnter();

        JsonNode shown =
                waitFor(
                        """
                        const error = document.getElementById('query-error');
                        if (error.hidden) return null;
                        return { error: error.textContent, role: error.getAttribute('role'),
                                 address: location.search,
                                 startShown: document.getElementById('start').offsetParent !== null };
                        """,
                        "the query's error");

        JsonNode answer =
                getJson(
                        "/api/v1/query_range?query="
                                + enc(bad)
                                + "&start="
                                + (NOW_MILLIS / 1000 - 3600)
                                + "&end="
                                + NOW_MILLIS / 1000
                                + "&step=15");
        assertEquals("error", answer.path("status").asText());
        assertEquals(answer.path("error").asText(), shown.path("error").asText());
        assertEquals("alert", shown.path("role").asText(), "read out by screen readers");
        assertEquals(false, shown.path("startShown").asBoolean(), "start is for fixed ranges");
        // The address bar now links to what was asked.
        assertEquals("?query=" + enc(bad) + "&range=1h", shown.path("address").asText());
    }

    @Test
    void aViewsChartFollowsItsResultsLive() throws Exception {
        // Not the query of the other tests: the server would answer theirs from this view.
        String view = "job:demo_requests:sum";
        HttpResponse<String> registered =
                post(
                        "/api/v1/views",
                        "{\"name\":\""
                                + view
                                + "\",\"query\":\"sum by (job) (demo_requests_total)\","
                                + "\"step\":\"1m\"}");
        assertEquals(200, registered.statusCode(), registered.body());
        // Ten final steps of two series, the latest a minute ago: the history the chart loads.
        List<ResultRecord> history = new ArrayList<>();
        for (int k = 10; k >= 1; k--) {
            history.add(result(view, "api", NOW_MILLIS - k * 60_000L, 0.5, ResultKind.FINAL));
            history.add(result(view, "db", NOW_MILLIS - k * 60_000L, 0.2, ResultKind.FINAL));
        }
        ViewStore views = server.backends().views();
        views.write(history);

        open("/");
        String card =
                """
                const card = document.querySelector('article.view[data-view="%s"]');
                if (!card) return null;
                const points = [...card.querySelectorAll('path.series')]
                  .reduce((n, p) => n + Number(p.dataset.points), 0);
                const state = {
                  live: card.querySelector('.live-state').textContent,
                  busy: card.getAttribute('aria-busy'),
                  query: card.querySelector('code').textContent,
                  points,
                  early: card.querySelectorAll('circle.early').length,
                  legend: [...card.querySelectorAll('.legend li')].map((li) => li.textContent),
                };
                state.done = state.live === 'live' && state.busy === 'false'
                  && state.points === %d && state.early === %d;
                return state;
                """;
        JsonNode loaded = waitFor(card.formatted(view, 20, 0), "the view's history, live");
        assertEquals("sum by (job) (demo_requests_total)", loaded.path("query").asText());
        assertEquals(
                List.of(view + "{job=\"api\"}", view + "{job=\"db\"}"),
                texts(loaded.path("legend")));

        // The next step's early value arrives while the page is open: one more point, hollow.
        views.write(List.of(result(view, "api", NOW_MILLIS, 0.6, ResultKind.EARLY)));
        waitFor(card.formatted(view, 21, 1), "the early step on the chart");

        // Its final values replace it: one point per series, none hollow.
        views.write(
                List.of(
                        result(view, "api", NOW_MILLIS, 0.7, ResultKind.FINAL),
                        result(view, "db", NOW_MILLIS, 0.3, ResultKind.FINAL)));
        waitFor(card.formatted(view, 22, 0), "the final step on the chart");
    }

    private static ResultRecord result(
            String view, String job, long stepMillis, double value, ResultKind kind) {
        return new ResultRecord(view, Labels.of("job", job), stepMillis, value, kind);
    }

    // --- helpers ---

    /** Navigates the page and waits for its load event (its modules have run by then). */
    private static void open(String pathAndQuery) throws IOException, InterruptedException {
        CompletableFuture<JsonNode> loaded = page.next("Page.loadEventFired");
        page.call("Page.navigate", Map.of("url", server.url() + pathAndQuery));
        DevTools.await(loaded, "loading " + pathAndQuery);
    }

    /**
     * Runs {@code body} (a function body) in the page until it returns a truthy value whose {@code
     * done} is not false, and returns that value; fails with {@code what} and the last value seen
     * when the page does not get there in time.
     */
    private static JsonNode waitFor(String body, String what)
            throws IOException, InterruptedException {
        return page.evaluate(
                """
                new Promise((resolve, reject) => {
                  const deadline = Date.now() + %d;
                  let seen;
                  const check = () => {
                    seen = (() => { %s })();
                    if (seen && seen.done !== false) resolve(seen);
                    else if (Date.now() > deadline) {
                      reject(new Error('gave up waiting for ' + %s + '; last seen: '
                        + JSON.stringify(seen)));
                    } else setTimeout(check, 25);
                  };
                  check();
                })
                """
                        .formatted(PAGE_WAIT_MILLIS, body, JSON.writeValueAsString(what)));
    }

    private static void pressEnter() throws IOException, InterruptedException {
        for (String type : List.of("keyDown", "keyUp")) {
            page.call(
                    "Input.dispatchKeyEvent",
                    Map.of(
                            "type",
                            type,
                            "key",
                            "Enter",
                            "code",
                            "Enter",
                            "windowsVirtualKeyCode",
                            13));
        }
    }

    private static HttpResponse<String> post(String path, String json)
            throws IOException, InterruptedException {
        HttpRequest request =
                HttpRequest.newBuilder(URI.create(server.url() + path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode getJson(String pathAndQuery) throws IOException, InterruptedException {
        HttpRequest request =
                HttpRequest.newBuilder(URI.create(server.url() + pathAndQuery)).build();
        return JSON.readTree(HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body());
    }

    /** A label set as the page's legend writes it: name{a="1", b="2"}, labels sorted. */
    private static String selector(JsonNode metric) throws IOException {
        String name = metric.path("__name__").asText("");
        List<String> pairs = new ArrayList<>();
        for (Iterator<String> it = metric.fieldNames(); it.hasNext(); ) {
            String label = it.next();
            if (!label.equals("__name__")) {
                pairs.add(label + "=" + JSON.writeValueAsString(metric.get(label).asText()));
            }
        }
        pairs.sort(null);
        return pairs.isEmpty() ? name : name + "{" + String.join(", ", pairs) + "}";
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
