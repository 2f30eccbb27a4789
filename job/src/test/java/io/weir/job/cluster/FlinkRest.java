package io.weir.job.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The calls of Flink's REST API the drills make besides submitting (which {@code weir submit}
 * does): watch the job and its checkpoints, stop it with a savepoint.
 */
final class FlinkRest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String base;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    FlinkRest(String base) {
        this.base = base;
    }

    /** Until the REST endpoint answers and {@code taskManagers} TaskManagers have registered. */
    void awaitTaskManagers(int taskManagers, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                JsonNode tms = get("/taskmanagers").path("taskmanagers");
                if (tms.size() >= taskManagers) {
                    return;
                }
            } catch (IOException e) {
                // Not listening yet.
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("no " + taskManagers + " TaskManagers at " + base);
            }
            Thread.sleep(250);
        }
    }

    /** Until the job and every one of its tasks is RUNNING. */
    void awaitRunning(String jobId, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            JsonNode job = get("/jobs/" + jobId);
            String state = job.path("state").asText();
            if (state.equals("FAILED") || state.equals("CANCELED") || state.equals("FINISHED")) {
                throw new IOException("job " + jobId + " is " + state + ": " + exceptions(jobId));
            }
            boolean allRunning = state.equals("RUNNING");
            for (JsonNode v : job.path("vertices")) {
                allRunning &= v.path("status").asText().equals("RUNNING");
            }
            if (allRunning) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("job " + jobId + " not running: " + state);
            }
            Thread.sleep(250);
        }
    }

    String state(String jobId) throws IOException, InterruptedException {
        return get("/jobs/" + jobId).path("state").asText();
    }

    /** The id of the job's latest completed checkpoint, or -1. */
    long latestCheckpoint(String jobId) throws IOException, InterruptedException {
        JsonNode c = get("/jobs/" + jobId + "/checkpoints").path("latest").path("completed");
        return c.isMissingNode() || c.isNull() ? -1 : c.path("id").asLong();
    }

    /** The highest parallelism of the job's tasks. */
    int maxParallelismOfTasks(String jobId) throws IOException, InterruptedException {
        int max = 0;
        for (JsonNode v : get("/jobs/" + jobId).path("vertices")) {
            max = Math.max(max, v.path("parallelism").asInt());
        }
        return max;
    }

    /** The id of the checkpoint the job last restored from, or -1. */
    long restoredCheckpoint(String jobId) throws IOException, InterruptedException {
        JsonNode restored = get("/jobs/" + jobId + "/checkpoints").path("latest").path("restored");
        return restored.isMissingNode() || restored.isNull() ? -1 : restored.path("id").asLong();
    }

    /** When the job last began to restart (wall-clock milliseconds), or 0 if it never did. */
    long lastRestart(String jobId) throws IOException, InterruptedException {
        return get("/jobs/" + jobId).path("timestamps").path("RESTARTING").asLong(0);
    }

    /**
     * Until the job has restarted after {@code afterMillis} (a global restart, or a failover that
     * restored another checkpoint than {@code restoredBefore}) and runs again.
     */
    void awaitRestarted(String jobId, long afterMillis, long restoredBefore, Duration timeout)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (lastRestart(jobId) <= afterMillis && restoredCheckpoint(jobId) == restoredBefore) {
            if (System.nanoTime() > deadline) {
                throw new IOException("job " + jobId + " did not restart");
            }
            Thread.sleep(100);
        }
        awaitRunning(jobId, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
    }

    /** {@code POST /jobs/<id>/stop} without draining; returns the savepoint's path. */
    String stopWithSavepoint(String jobId, Path dir, Duration timeout) throws Exception {
        ObjectNode body = JSON.createObjectNode();
        body.put("targetDirectory", dir.toUri().toString());
        // No MAX_WATERMARK: steps must stay open, the next run continues them.
        body.put("drain", false);
        String trigger = post("/jobs/" + jobId + "/stop", body).path("request-id").asText();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            JsonNode s = get("/jobs/" + jobId + "/savepoints/" + trigger);
            if (s.path("status").path("id").asText().equals("COMPLETED")) {
                JsonNode op = s.path("operation");
                if (op.has("failure-cause")) {
                    throw new IOException("savepoint failed: " + op.path("failure-cause"));
                }
                awaitEnded(jobId, deadline);
                return op.path("location").asText();
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("no savepoint of " + jobId);
            }
            Thread.sleep(250);
        }
    }

    /** Until the job reached a terminal state (its tasks finish after the savepoint). */
    private void awaitEnded(String jobId, long deadline) throws Exception {
        while (!List.of("FINISHED", "CANCELED", "FAILED").contains(state(jobId))) {
            if (System.nanoTime() > deadline) {
                throw new IOException("job " + jobId + " still " + state(jobId));
            }
            Thread.sleep(100);
        }
    }

    void cancel(String jobId) throws IOException, InterruptedException {
        send(
                HttpRequest.newBuilder(URI.create(base + "/jobs/" + jobId))
                        .method("PATCH", HttpRequest.BodyPublishers.noBody())
                        .build());
    }

    /** The root exception of a failed job, for messages. */
    String exceptions(String jobId) {
        try {
            JsonNode e = get("/jobs/" + jobId + "/exceptions");
            String root =
                    e.path("exceptionHistory").path("entries").path(0).path("stacktrace").asText();
            return root.lines().limit(8).reduce("", (a, b) -> a + "\n" + b);
        } catch (IOException | InterruptedException | RuntimeException e) {
            return "(no exception history: " + e + ")";
        }
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET().build());
    }

    private JsonNode post(String path, JsonNode body) throws IOException, InterruptedException {
        return send(
                HttpRequest.newBuilder(URI.create(base + path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                        .build());
    }

    private JsonNode send(HttpRequest request) throws IOException, InterruptedException {
        HttpRequest timed =
                HttpRequest.newBuilder(request, (k, v) -> true)
                        .timeout(Duration.ofSeconds(60))
                        .build();
        HttpResponse<String> r = http.send(timed, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IOException(
                    request.method()
                            + " "
                            + request.uri()
                            + ": "
                            + r.statusCode()
                            + " "
                            + r.body());
        }
        return r.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(r.body());
    }
}
