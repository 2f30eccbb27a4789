package io.weir.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.weir.connectors.codec.ResultKind;
import io.weir.connectors.codec.ResultRecord;
import io.weir.connectors.testing.KafkaTestBroker;
import io.weir.promql.model.Labels;
import io.weir.promql.parser.PromqlParser;
import io.weir.server.ingest.Producers;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code weir serve --kafka} end to end in one JVM: a view registered over HTTP is published to the
 * queries topic, its results are consumed into the view store and answered by the query API, and a
 * drop frees its history.
 */
@Timeout(120)
class ServeKafkaTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MIN = 60_000;

    @TempDir Path dir;

    @Test
    void viewsRegisteredOverHttpAreServedFromTheViewStoreAndDropped() throws Exception {
        KafkaClusterTestKit kafka = KafkaTestBroker.start(Producers.topics());
        try {
            String servers = kafka.bootstrapServers();
            StringWriter err = new StringWriter();
            Path data = dir.resolve("data");
            ServeCommand serve = new ServeCommand();
            CommandLine cl = new CommandLine(serve);
            cl.setOut(new PrintWriter(new StringWriter()));
            cl.setErr(new PrintWriter(err, true));
            CompletableFuture<Integer> status =
                    CompletableFuture.supplyAsync(
                            () ->
                                    cl.execute(
                                            "--kafka",
                                            servers,
                                            "--data-dir",
                                            data.toString(),
                                            "--listen",
                                            "127.0.0.1:0",
                                            "-q"));
            while (serve.server == null) {
                if (status.isDone()) {
                    throw new AssertionError("weir serve ended: " + status.get() + " " + err);
                }
                Thread.sleep(20);
            }
            String url = serve.server.url();
            HttpClient http = HttpClient.newHttpClient();

            HttpResponse<String> created =
                    http.send(
                            HttpRequest.newBuilder(URI.create(url + "/api/v1/views"))
                                    .POST(
                                            HttpRequest.BodyPublishers.ofString(
                                                    "{\"name\":\"errors_total\","
                                                            + "\"query\":\"sum(up)\",\"step\":\"1m\","
                                                            + "\"retention\":\"1d\"}"))
                                    .header("Content-Type", "application/json")
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertEquals(200, created.statusCode(), created.body());

            try (KafkaProducer<byte[], byte[]> tx = Producers.transactional(servers, "serve")) {
                tx.beginTransaction();
                for (int i = 1; i <= 3; i++) {
                    Producers.send(
                            tx,
                            Producers.result(
                                    new ResultRecord(
                                            "errors_total",
                                            Labels.EMPTY,
                                            i * MIN,
                                            10 * i,
                                            ResultKind.FINAL)));
                }
                tx.commitTransaction();
            }
            URI query = URI.create(url + "/api/v1/query?query=errors_total&time=180");
            JsonNode result = null;
            while (result == null || result.size() == 0) {
                Thread.sleep(50);
                result =
                        JSON.readTree(
                                        http.send(
                                                        HttpRequest.newBuilder(query).build(),
                                                        HttpResponse.BodyHandlers.ofString())
                                                .body())
                                .path("data")
                                .path("result");
            }
            assertEquals("30", result.get(0).path("value").get(1).asText());
            assertEquals("errors_total", result.get(0).path("metric").path("__name__").asText());

            HttpResponse<String> listed =
                    http.send(
                            HttpRequest.newBuilder(URI.create(url + "/api/v1/views")).build(),
                            HttpResponse.BodyHandlers.ofString());
            assertTrue(listed.body().contains("\"errors_total\""), listed.body());

            HttpResponse<String> dropped =
                    http.send(
                            HttpRequest.newBuilder(URI.create(url + "/api/v1/views/errors_total"))
                                    .DELETE()
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertEquals(200, dropped.statusCode(), dropped.body());
            // The tombstone reaches the queries consumer, which frees the history.
            while (!result.isEmpty()) {
                Thread.sleep(50);
                result =
                        JSON.readTree(
                                        http.send(
                                                        HttpRequest.newBuilder(query).build(),
                                                        HttpResponse.BodyHandlers.ofString())
                                                .body())
                                .path("data")
                                .path("result");
            }

            // Stop as Ctrl-C does, then check the store on disk.
            serve.stop.countDown();
            assertEquals(0, status.get(30, TimeUnit.SECONDS), err.toString());
            try (var views = io.weir.server.store.RocksViewStore.open(data.resolve("views"))) {
                assertEquals(
                        0,
                        views.select(PromqlParser.parseMetricSelector("errors_total"), 0, 0)
                                .size());
            }
            assertTrue(Files.isDirectory(data.resolve("samples")));
        } finally {
            kafka.close();
        }
    }
}
