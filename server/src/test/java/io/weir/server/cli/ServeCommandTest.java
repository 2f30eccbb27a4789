package io.weir.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weir.promql.model.Labels;
import io.weir.server.store.RocksSampleStore;
import io.weir.server.store.StoreOptions;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Runs {@code weir serve} in-process on a free port over {@code requests.prom} and queries it over
 * HTTP: the answer is what {@code weir eval --format json} prints for the same query.
 */
class ServeCommandTest {
    static Path data() throws URISyntaxException {
        return Path.of(
                Objects.requireNonNull(ServeCommandTest.class.getResource("/cli/requests.prom"))
                        .toURI());
    }

    @Test
    void servesTheFileAsEvalEvaluatesIt() throws Exception {
        String query = "sum by (code) (rate(http_requests_total[1m]))";
        EvalCommandTest.Run eval =
                EvalCommandTest.weir(
                        "eval",
                        "-q",
                        "--format",
                        "json",
                        "--time",
                        "1704067500",
                        data().toString(),
                        query);
        assertEquals(0, eval.status(), eval.err());

        ServeCommand serve = new ServeCommand();
        CommandLine cl = new CommandLine(serve);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        CompletableFuture<Integer> status =
                CompletableFuture.supplyAsync(
                        () -> cl.execute("--data", dataText(), "--listen", "127.0.0.1:0", "-q"));
        while (serve.server == null) {
            if (status.isDone()) {
                throw new AssertionError("weir serve ended: " + status.get() + " " + err);
            }
            Thread.sleep(20);
        }
        try {
            String url = serve.server.url();
            HttpResponse<String> r =
                    HttpClient.newHttpClient()
                            .send(
                                    HttpRequest.newBuilder(
                                                    URI.create(
                                                            url
                                                                    + "/api/v1/query?time=1704067500&query="
                                                                    + java.net.URLEncoder.encode(
                                                                            query,
                                                                            java.nio.charset
                                                                                    .StandardCharsets
                                                                                    .UTF_8)))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
            assertEquals(eval.out().strip(), r.body());
        } finally {
            serve.stop.countDown();
        }
        assertEquals(0, status.get(10, TimeUnit.SECONDS));
        assertTrue(out.toString().contains("serving Prometheus's query API at http://127.0.0.1:"));
    }

    private static String dataText() {
        try {
            return data().toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void listenAddresses() {
        assertEquals("127.0.0.1:9090", hostPort(ServeCommand.parseListen("127.0.0.1:9090")));
        assertTrue(ServeCommand.parseListen(":8080").getAddress().isAnyLocalAddress());
        assertTrue(ServeCommand.parseListen("[::1]:1").getAddress().isLoopbackAddress());
        assertThrows(IllegalArgumentException.class, () -> ServeCommand.parseListen("localhost"));
        assertThrows(IllegalArgumentException.class, () -> ServeCommand.parseListen("h:99999"));
    }

    private static String hostPort(InetSocketAddress a) {
        return a.getHostString() + ":" + a.getPort();
    }

    @Test
    void servesTheStoresOfTheDataDirectory(@TempDir Path dir) throws Exception {
        try (RocksSampleStore store =
                RocksSampleStore.open(dir.resolve("samples"), StoreOptions.defaults())) {
            store.append(Labels.of("__name__", "up", "job", "api"), 1_000_000, 1);
        }
        Path token = dir.resolve("token");
        java.nio.file.Files.writeString(token, "s3cret\n");
        ServeCommand serve = new ServeCommand();
        CommandLine cl = new CommandLine(serve);
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(new StringWriter()));
        cl.setErr(new PrintWriter(err));
        CompletableFuture<Integer> status =
                CompletableFuture.supplyAsync(
                        () ->
                                cl.execute(
                                        "--data-dir",
                                        dir.toString(),
                                        "--bearer-token-file",
                                        token.toString(),
                                        "--listen",
                                        "127.0.0.1:0",
                                        "-q"));
        while (serve.server == null) {
            if (status.isDone()) {
                throw new AssertionError("weir serve ended: " + status.get() + " " + err);
            }
            Thread.sleep(20);
        }
        try {
            HttpResponse<String> r =
                    HttpClient.newHttpClient()
                            .send(
                                    HttpRequest.newBuilder(
                                                    URI.create(
                                                            serve.server.url()
                                                                    + "/api/v1/query?time=1000&query=up"))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString());
            assertEquals(
                    "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":"
                            + "[{\"metric\":{\"__name__\":\"up\",\"job\":\"api\"},\"value\":[1000,\"1\"]}]}}",
                    r.body());
            assertTrue(serve.runtime.viewStore().viewNames().isEmpty());
            HttpResponse<String> unauthorized =
                    HttpClient.newHttpClient()
                            .send(
                                    HttpRequest.newBuilder(
                                                    URI.create(
                                                            serve.server.url() + "/api/v1/views"))
                                            .POST(
                                                    HttpRequest.BodyPublishers.ofString(
                                                            "{\"name\":\"v\",\"query\":\"up\","
                                                                    + "\"step\":\"1m\"}"))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString());
            assertEquals(401, unauthorized.statusCode(), unauthorized.body());
        } finally {
            serve.stop.countDown();
        }
        assertEquals(0, status.get(10, TimeUnit.SECONDS));
    }

    @Test
    void aFileAndKafkaExcludeEachOther() {
        EvalCommandTest.Run r =
                EvalCommandTest.weir("serve", "--data", dataText(), "--kafka", "localhost:9092");
        assertEquals(ExitCodes.USAGE, r.status());
        assertTrue(r.err().contains("--data cannot be combined with --kafka"), r.err());
    }

    @Test
    void aBadRetentionIsAUsageError() {
        EvalCommandTest.Run r = EvalCommandTest.weir("serve", "--retention", "forever");
        assertEquals(ExitCodes.USAGE, r.status());
        assertTrue(r.err().contains("retention"), r.err());
    }

    @Test
    void anEmptyTokenFileIsAUsageError(@TempDir Path dir) throws Exception {
        Path token = dir.resolve("token");
        java.nio.file.Files.writeString(token, "\n");
        EvalCommandTest.Run r =
                EvalCommandTest.weir("serve", "--bearer-token-file", token.toString());
        assertEquals(ExitCodes.USAGE, r.status());
        assertTrue(r.err().contains("bearer token"), r.err());
    }

    @Test
    void aMissingFileIsAUsageError() {
        EvalCommandTest.Run r = EvalCommandTest.weir("serve", "--data", "/nonexistent.prom");
        assertEquals(ExitCodes.USAGE, r.status());
        assertTrue(r.err().contains("no such file"), r.err());
    }
}
