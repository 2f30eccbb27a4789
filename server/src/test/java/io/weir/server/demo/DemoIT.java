package io.weir.server.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.weir.server.client.FlinkRestClient;
import io.weir.server.client.WeirClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code weir demo} end to end, as a user runs it: a separate process that starts the broker, the
 * job, the server and the generator; the test waits for the URLs, queries through the API (a view
 * when the server registered views), then sends SIGINT as Ctrl-C does and checks that no process
 * the demo started is left. Needs the whole build (the job jar): {@code mvn -B package
 * -DskipTests}, then {@code mvn -B verify -pl server -am -Pdemo -Dtest=DemoIT
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("demo")
class DemoIT {
    @TempDir Path dir;

    @Test
    @Timeout(600)
    void demoStartsAnswersAndStopsCleanly() throws Exception {
        Path root = Path.of("..").toAbsolutePath().normalize();
        List<String> cmd =
                JavaCommand.of(
                        JavaCommand.ownClasspath(),
                        List.of("-Xmx512m"),
                        "io.weir.server.cli.Main",
                        List.of(
                                "demo",
                                "--listen",
                                "127.0.0.1:0",
                                "--data-dir",
                                dir.toString(),
                                "--series",
                                "100",
                                "--backfill",
                                "10m"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("WEIR_HOME", root.toString());
        Process demo = pb.start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        List<String> output = new ArrayList<>();
        Thread reader =
                new Thread(
                        () -> {
                            try (BufferedReader r =
                                    new BufferedReader(
                                            new InputStreamReader(
                                                    demo.getInputStream(),
                                                    StandardCharsets.UTF_8))) {
                                for (String l; (l = r.readLine()) != null; ) {
                                    lines.add(l);
                                }
                            } catch (IOException e) {
                                // the demo ended
                            }
                        });
        reader.setDaemon(true);
        reader.start();
        List<ProcessHandle> children = new ArrayList<>();
        try {
            String api = null;
            String flink = null;
            List<String> views = new ArrayList<>();
            boolean ready = false;
            while (true) {
                String l = lines.poll(5, TimeUnit.MINUTES);
                assertTrue(l != null, "no output from weir demo for 5 minutes: " + output);
                output.add(l);
                if (l.startsWith("weir demo: ready")) {
                    ready = true;
                } else if (ready && l.startsWith("  Weir API and web page  ")) {
                    api = withoutSlash(l.substring(25).strip());
                } else if (ready && l.startsWith("  Flink web UI           ")) {
                    flink = withoutSlash(l.substring(25).strip());
                } else if (ready && l.startsWith("  ") && l.contains(" = ")) {
                    views.add(l.strip().substring(0, l.strip().indexOf(" = ")));
                } else if (l.startsWith("Ctrl-C stops everything.")) {
                    break;
                }
                assertTrue(demo.isAlive() || !lines.isEmpty(), "weir demo exited: " + output);
            }
            assertTrue(api != null && flink != null, String.join("\n", output));
            demo.descendants().forEach(children::add);
            assertEquals(4, demo.children().count(), "broker, job, server, generator");

            WeirClient client = new WeirClient(URI.create(api), null, Duration.ofSeconds(30));
            if (views.isEmpty()) {
                // A server without the views API yet: the query API answers.
                JsonNode data = WeirClient.data(client.query("vector(1)", null));
                assertEquals("vector", data.path("resultType").asText());
            } else {
                // A view's first final step, through the query API, within three minutes.
                long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
                JsonNode result;
                do {
                    Thread.sleep(2000);
                    result = WeirClient.data(client.query(views.get(0), null)).path("result");
                } while (result.isEmpty() && System.nanoTime() < deadline);
                assertFalse(result.isEmpty(), "view " + views.get(0) + " has no result");
                assertEquals(3, result.size(), "one series per job: " + result);
                // Every final step so far, from the history and from three live scrapes on, equals
                // the same query over the raw samples (a matcher no view has, so the sample store
                // answers): a step finalised before all its points arrived would miss some.
                long first;
                do {
                    Thread.sleep(1000); // the first result may be early, before any final step
                    first = lastFinalStep(client, views.get(0));
                } while (first <= 0 && System.nanoTime() < deadline);
                long last;
                do {
                    Thread.sleep(2000);
                    last = lastFinalStep(client, views.get(0));
                } while (last < first + 45 && System.nanoTime() < deadline);
                Thread.sleep(3000); // the server's own ingestion of the last raw samples
                String start = Long.toString(last - 600);
                String end = Long.toString(last);
                Map<String, Map<String, String>> view =
                        byJob(client.queryRange(views.get(0), start, end, "15"));
                Map<String, Map<String, String>> raw =
                        byJob(
                                client.queryRange(
                                        "sum by (job) (rate(http_requests_total{job!=\"\"}[1m]))",
                                        start,
                                        end,
                                        "15"));
                assertEquals(raw.keySet(), view.keySet());
                int compared = 0;
                for (Map.Entry<String, Map<String, String>> e : view.entrySet()) {
                    for (Map.Entry<String, String> p : e.getValue().entrySet()) {
                        String want = raw.get(e.getKey()).get(p.getKey());
                        assertEquals(
                                Double.parseDouble(want),
                                Double.parseDouble(p.getValue()),
                                1e-9 * Math.abs(Double.parseDouble(want)),
                                e.getKey() + " at " + p.getKey());
                        compared++;
                    }
                }
                assertTrue(
                        compared >= 12,
                        compared
                                + " points compared, steps "
                                + first
                                + " to "
                                + last
                                + ": "
                                + view);
            }
            JsonNode jobs =
                    new FlinkRestClient(URI.create(flink), Duration.ofSeconds(30))
                            .jobsOverview()
                            .path("jobs");
            assertEquals("RUNNING", jobs.path(0).path("state").asText(), jobs.toString());

        } finally {
            // Ctrl-C: SIGINT to the demo only; its shutdown hook stops its children. A JVM whose
            // parent ignored SIGINT (a background job of a shell) ignores it too: SIGTERM then,
            // which runs the same hook.
            String signal = ignoresSigint(demo.pid()) ? "-TERM" : "-INT";
            new ProcessBuilder("kill", signal, Long.toString(demo.pid())).start().waitFor();
            boolean exited = demo.waitFor(3, TimeUnit.MINUTES);
            if (!exited) {
                demo.destroyForcibly();
                children.forEach(ProcessHandle::destroyForcibly);
            }
            assertTrue(exited, "weir demo did not stop on SIGINT");
        }
        for (ProcessHandle c : children) {
            c.onExit().get(30, TimeUnit.SECONDS);
            assertFalse(c.isAlive(), "left running: " + c.info());
        }
        String rest = String.join("\n", output) + "\n" + String.join("\n", lines);
        assertTrue(rest.contains("weir demo: stopped"), rest);
        assertTrue(Files.isDirectory(dir.resolve("logs")));
        // A JVM stopped by a signal exits with 128 + the signal once its hooks have run.
        assertTrue(List.of(130, 143).contains(demo.exitValue()), demo.exitValue() + "\n" + rest);
    }

    /** A range query's result: job to (time to value). */
    private static Map<String, Map<String, String>> byJob(String body) throws Exception {
        Map<String, Map<String, String>> out = new TreeMap<>();
        for (JsonNode series : WeirClient.data(body).path("result")) {
            Map<String, String> points = new TreeMap<>();
            for (JsonNode v : series.path("values")) {
                points.put(v.path(0).asText(), v.path(1).asText());
            }
            out.put(series.path("metric").path("job").asText(), points);
        }
        return out;
    }

    /** The view's last final step, in seconds. */
    private static long lastFinalStep(WeirClient client, String view) throws Exception {
        for (JsonNode v : client.views()) {
            if (v.path("name").asText().equals(view)) {
                return v.path("lastFinalStep").asLong();
            }
        }
        throw new AssertionError("no view " + view + " in " + client.viewsBody());
    }

    private static String withoutSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** Whether SIGINT is in the process's ignored signals (Linux: SigIgn in /proc/PID/status). */
    private static boolean ignoresSigint(long pid) throws IOException {
        Path status = Path.of("/proc/" + pid + "/status");
        if (!Files.exists(status)) {
            return false;
        }
        for (String l : Files.readAllLines(status, StandardCharsets.UTF_8)) {
            if (l.startsWith("SigIgn:")) {
                return (Long.parseLong(l.substring(7).strip(), 16) & 0x2) != 0;
            }
        }
        return false;
    }
}
