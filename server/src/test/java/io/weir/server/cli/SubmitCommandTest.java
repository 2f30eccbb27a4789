package io.weir.server.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code weir submit} against a stand-in of Flink's two REST endpoints ({@code POST /jars/upload},
 * {@code POST /jars/<id>/run}), which checks the multipart upload byte for byte and answers as
 * Flink does, errors included.
 */
class SubmitCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path dir;

    /** What the stand-in received. */
    static final class StandInFlink implements AutoCloseable {
        final HttpServer server;
        byte[] uploaded;
        String uploadedName;
        JsonNode runBody;
        String runPath;
        boolean refuseRun;

        StandInFlink() throws IOException {
            server =
                    HttpServer.create(
                            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", this::handle);
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        private void handle(HttpExchange ex) throws IOException {
            try (ex) {
                String path = ex.getRequestURI().getPath();
                byte[] body = ex.getRequestBody().readAllBytes();
                if (path.equals("/jars/upload")) {
                    String type = ex.getRequestHeaders().getFirst("Content-Type");
                    String boundary = type.substring(type.indexOf("boundary=") + 9);
                    multipart(body, boundary);
                    send(
                            ex,
                            200,
                            "{\"filename\":\"/tmp/flink-web/flink-web-upload/abc_"
                                    + uploadedName
                                    + "\",\"status\":\"success\"}");
                } else if (path.startsWith("/jars/") && path.endsWith("/run")) {
                    runPath = path;
                    runBody = JSON.readTree(body);
                    if (refuseRun) {
                        send(
                                ex,
                                500,
                                "{\"errors\":[\"org.apache.flink.runtime.rest.handler"
                                        + ".RestHandlerException: Could not execute application.\\n"
                                        + "\\tat x.y(Z.java:1)\\n"
                                        + "Caused by: java.lang.IllegalArgumentException: expected"
                                        + " --key value, got x\\n\\tat a.b(C.java:2)\"]}");
                    } else {
                        send(ex, 200, "{\"jobid\":\"0123456789abcdef0123456789abcdef\"}");
                    }
                } else {
                    send(ex, 404, "{\"errors\":[\"Not found: " + path + "\"]}");
                }
            }
        }

        /** One part named jarfile: its file name and bytes. */
        private void multipart(byte[] body, String boundary) {
            String text = new String(body, StandardCharsets.ISO_8859_1);
            String head = "--" + boundary + "\r\n";
            assertTrue(text.startsWith(head), text.substring(0, 100));
            int headersEnd = text.indexOf("\r\n\r\n");
            String headers = text.substring(head.length(), headersEnd);
            assertTrue(headers.contains("name=\"jarfile\""), headers);
            int nameAt = headers.indexOf("filename=\"") + 10;
            uploadedName = headers.substring(nameAt, headers.indexOf('"', nameAt));
            String tail = "\r\n--" + boundary + "--\r\n";
            assertTrue(text.endsWith(tail));
            uploaded = Arrays.copyOfRange(body, headersEnd + 4, body.length - tail.length());
        }

        private static void send(HttpExchange ex, int status, String body) throws IOException {
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(status, b.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(b);
            }
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    private Path jar() throws IOException {
        byte[] b = new byte[70_000];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (i * 31);
        }
        Path jar = dir.resolve("weir-job.jar");
        Files.write(jar, b);
        return jar;
    }

    @Test
    void uploadsTheJarAndRunsItWithTheJobArguments() throws IOException {
        Path jar = jar();
        try (StandInFlink flink = new StandInFlink()) {
            EvalCommandTest.Run r =
                    EvalCommandTest.weir(
                            "submit",
                            "--flink",
                            flink.url(),
                            "--jar",
                            jar.toString(),
                            "--parallelism",
                            "2",
                            "--",
                            "--bootstrap.servers",
                            "kafka:9092",
                            "--checkpoint.dir",
                            "file:///data/cp");
            assertEquals(0, r.status(), r.err());
            assertEquals("0123456789abcdef0123456789abcdef\n", r.out());
            assertArrayEquals(Files.readAllBytes(jar), flink.uploaded);
            assertEquals("weir-job.jar", flink.uploadedName);
            assertEquals("/jars/abc_weir-job.jar/run", flink.runPath);
            List<String> args = new ArrayList<>();
            flink.runBody.path("programArgsList").forEach(a -> args.add(a.asText()));
            assertEquals(
                    List.of(
                            "--bootstrap.servers",
                            "kafka:9092",
                            "--checkpoint.dir",
                            "file:///data/cp"),
                    args);
            assertEquals("io.weir.job.WeirJob", flink.runBody.path("entryClass").asText());
            assertEquals(2, flink.runBody.path("parallelism").asInt());
            assertFalse(flink.runBody.has("savepointPath"), flink.runBody.toString());
        }
    }

    @Test
    void startsFromASavepointWhenAsked() throws IOException {
        try (StandInFlink flink = new StandInFlink()) {
            EvalCommandTest.Run r =
                    EvalCommandTest.weir(
                            "submit",
                            "--flink",
                            flink.url(),
                            "--jar",
                            jar().toString(),
                            "--from-savepoint",
                            "file:///data/savepoints/savepoint-0a1b2c-0123456789ab",
                            "--",
                            "--bootstrap.servers",
                            "kafka:9092");
            assertEquals(0, r.status(), r.err());
            assertEquals("0123456789abcdef0123456789abcdef\n", r.out());
            assertEquals(
                    "file:///data/savepoints/savepoint-0a1b2c-0123456789ab",
                    flink.runBody.path("savepointPath").asText());
            assertTrue(flink.runBody.has("allowNonRestoredState"));
            assertFalse(flink.runBody.path("allowNonRestoredState").asBoolean());
            assertFalse(flink.runBody.has("parallelism"), flink.runBody.toString());
        }
    }

    @Test
    void mayLeaveStateOfTheSavepointBehind() throws IOException {
        try (StandInFlink flink = new StandInFlink()) {
            EvalCommandTest.Run r =
                    EvalCommandTest.weir(
                            "submit",
                            "--flink",
                            flink.url(),
                            "--jar",
                            jar().toString(),
                            "--from-savepoint",
                            "/data/savepoints/sp-1",
                            "--allow-non-restored-state");
            assertEquals(0, r.status(), r.err());
            assertEquals("/data/savepoints/sp-1", flink.runBody.path("savepointPath").asText());
            assertTrue(flink.runBody.path("allowNonRestoredState").asBoolean());
        }
    }

    @Test
    void allowingNonRestoredStateWithoutASavepointIsAUsageError() throws IOException {
        EvalCommandTest.Run r =
                EvalCommandTest.weir(
                        "submit",
                        "--flink",
                        "http://127.0.0.1:1",
                        "--jar",
                        jar().toString(),
                        "--allow-non-restored-state");
        assertEquals(ExitCodes.USAGE, r.status());
        assertEquals("weir submit: --allow-non-restored-state needs --from-savepoint\n", r.err());
    }

    @Test
    void aRefusedRunPrintsFlinksFirstLineAndCause() throws IOException {
        try (StandInFlink flink = new StandInFlink()) {
            flink.refuseRun = true;
            EvalCommandTest.Run r =
                    EvalCommandTest.weir(
                            "submit", "--flink", flink.url(), "--jar", jar().toString(), "x");
            assertEquals(ExitCodes.EVAL_FAILED, r.status());
            assertEquals(
                    "weir submit: Flink refused: org.apache.flink.runtime.rest.handler"
                            + ".RestHandlerException: Could not execute application. Cause:"
                            + " java.lang.IllegalArgumentException: expected --key value, got x\n",
                    r.err());
            assertEquals("", r.out());
        }
    }

    @Test
    void anUnreachableClusterIsNamed() throws IOException {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        EvalCommandTest.Run r =
                EvalCommandTest.weir(
                        "submit", "--flink", "http://127.0.0.1:" + port, "--jar", jar().toString());
        assertEquals(ExitCodes.EVAL_FAILED, r.status());
        assertEquals(
                "weir submit: cannot reach the Flink cluster at http://127.0.0.1:"
                        + port
                        + " (is its REST endpoint up?)\n",
                r.err());
    }

    @Test
    void aMissingJarIsAUsageError() {
        EvalCommandTest.Run r =
                EvalCommandTest.weir(
                        "submit",
                        "--flink",
                        "http://127.0.0.1:1",
                        "--jar",
                        dir.resolve("no.jar").toString());
        assertEquals(ExitCodes.USAGE, r.status());
        assertTrue(r.err().endsWith("no.jar: no such file\n"), r.err());
    }
}
