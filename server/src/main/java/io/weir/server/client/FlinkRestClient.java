package io.weir.server.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * Submits a job jar to a running Flink cluster over its REST API: {@code POST /jars/upload}
 * (multipart, part {@code jarfile}) and {@code POST /jars/<id>/run}. Flink's errors ({@code
 * {"errors":[...]}}) become {@link ApiException}s with Flink's own words.
 */
public final class FlinkRestClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final HttpClient http;
    private final Duration timeout;

    public FlinkRestClient(URI restUrl, Duration timeout) {
        String s = restUrl.toString();
        this.base = URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** Uploads a jar; returns the id Flink gave it (the name of the stored file). */
    public String upload(Path jar) throws IOException, ApiException {
        String boundary = "weir-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String head =
                "--"
                        + boundary
                        + "\r\n"
                        + "Content-Disposition: form-data; name=\"jarfile\"; filename=\""
                        + jar.getFileName().toString().replace("\"", "")
                        + "\"\r\n"
                        + "Content-Type: application/x-java-archive\r\n\r\n";
        body.write(head.getBytes(StandardCharsets.UTF_8));
        body.write(Files.readAllBytes(jar));
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        JsonNode answer =
                send(
                        HttpRequest.newBuilder(URI.create(base + "/jars/upload"))
                                .timeout(timeout)
                                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                                .build());
        String file = answer.path("filename").asText("");
        if (file.isEmpty() || !answer.path("status").asText().equals("success")) {
            throw new ApiException(200, "flink", "Flink did not store the jar: " + answer);
        }
        return file.substring(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
    }

    /**
     * Runs an uploaded jar; returns the job id.
     *
     * @param entryClass the main class, or null for the jar's manifest
     * @param parallelism the job's parallelism, or 0 for the cluster's default
     */
    public String run(String jarId, String entryClass, int parallelism, List<String> args)
            throws IOException, ApiException {
        return run(jarId, entryClass, parallelism, args, null, false);
    }

    /**
     * Runs an uploaded jar, restoring its state from a savepoint (or retained checkpoint); returns
     * the job id.
     *
     * @param entryClass the main class, or null for the jar's manifest
     * @param parallelism the job's parallelism, or 0 for the cluster's default
     * @param savepointPath the savepoint to start from, or null to start without state
     * @param allowNonRestoredState whether state in the savepoint that no operator of the job takes
     *     may be left behind (else Flink refuses the job)
     */
    public String run(
            String jarId,
            String entryClass,
            int parallelism,
            List<String> args,
            String savepointPath,
            boolean allowNonRestoredState)
            throws IOException, ApiException {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode list = body.putArray("programArgsList");
        args.forEach(list::add);
        if (entryClass != null) {
            body.put("entryClass", entryClass);
        }
        if (parallelism > 0) {
            body.put("parallelism", parallelism);
        }
        if (savepointPath != null) {
            body.put("savepointPath", savepointPath);
            body.put("allowNonRestoredState", allowNonRestoredState);
        }
        JsonNode answer =
                send(
                        HttpRequest.newBuilder(URI.create(base + "/jars/" + jarId + "/run"))
                                .timeout(timeout)
                                .header("Content-Type", "application/json")
                                .POST(
                                        HttpRequest.BodyPublishers.ofString(
                                                JSON.writeValueAsString(body)))
                                .build());
        String job = answer.path("jobid").asText("");
        if (job.isEmpty()) {
            throw new ApiException(200, "flink", "Flink started no job: " + answer);
        }
        return job;
    }

    /** The state of a job ({@code RUNNING}, {@code FAILED}, ...). */
    public String jobState(String jobId) throws IOException, ApiException {
        return send(HttpRequest.newBuilder(URI.create(base + "/jobs/" + jobId)).GET().build())
                .path("state")
                .asText();
    }

    /** The jobs of the cluster: {@code {"jobs":[{"jid","name","state",...}]}}. */
    public JsonNode jobsOverview() throws IOException, ApiException {
        return send(HttpRequest.newBuilder(URI.create(base + "/jobs/overview")).GET().build());
    }

    private JsonNode send(HttpRequest request) throws IOException, ApiException {
        HttpResponse<String> response;
        try {
            response =
                    http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw new IOException(
                    "cannot reach the Flink cluster at " + base + " (is its REST endpoint up?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        JsonNode node;
        try {
            node = JSON.readTree(response.body());
        } catch (IOException e) {
            node = null;
        }
        int status = response.statusCode();
        if (node != null && node.has("errors")) {
            StringBuilder sb = new StringBuilder();
            for (JsonNode e : node.path("errors")) {
                if (sb.length() > 0) {
                    sb.append("; ");
                }
                sb.append(firstLines(e.asText()));
            }
            throw new ApiException(status, "flink", "Flink refused: " + sb);
        }
        if (node == null || status / 100 != 2) {
            String b = response.body();
            throw new ApiException(
                    status,
                    "http",
                    "HTTP "
                            + status
                            + " from "
                            + request.uri()
                            + ": "
                            + (b.length() > 200 ? b.substring(0, 200) + "..." : b).strip());
        }
        return node;
    }

    /**
     * Flink puts whole stack traces into its errors: keep the first line and the deepest cause,
     * which usually says what went wrong.
     */
    static String firstLines(String s) {
        List<String> lines = s.strip().lines().map(String::strip).toList();
        if (lines.isEmpty()) {
            return "";
        }
        String first = lines.get(0);
        String cause = null;
        for (String l : lines) {
            if (l.startsWith("Caused by: ")) {
                cause = l.substring("Caused by: ".length());
            }
        }
        if (cause == null || cause.equals(first)) {
            return first;
        }
        return first
                + " Cause: "
                + (cause.length() > 500 ? cause.substring(0, 500) + "..." : cause);
    }
}
