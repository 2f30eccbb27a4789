package io.weir.server.web;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * A headless Chromium started for one test class, with its DevTools endpoint on a free port and a
 * fresh profile that is deleted on close.
 */
final class Chromium implements AutoCloseable {
    /** Debian's {@code chromium} package puts the browser here; CI installs it. */
    static final Path DEFAULT_BINARY = Path.of("/usr/bin/chromium");

    private static final String LISTENING = "DevTools listening on ";
    private static final int STDERR_LINES_KEPT = 40;

    private final Process process;
    private final Path profile;
    private final URI browserSocket;
    private final Deque<String> outputTail;

    private Chromium(Process process, Path profile, URI browserSocket, Deque<String> outputTail) {
        this.process = process;
        this.profile = profile;
        this.browserSocket = browserSocket;
        this.outputTail = outputTail;
    }

    /** The browser the test uses: {@code -Dweir.chromium=<path>}, else Debian's. */
    static Path binary() {
        String configured = System.getProperty("weir.chromium");
        return configured == null || configured.isBlank() ? DEFAULT_BINARY : Path.of(configured);
    }

    static Chromium start(Path binary) throws IOException {
        Path profile = Files.createTempDirectory("weir-chromium-");
        List<String> command =
                List.of(
                        binary.toString(),
                        "--headless",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-quic",
                        "--no-first-run",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--user-data-dir=" + profile,
                        "--remote-debugging-port=0",
                        // Tall enough that every view on the test page is in sight, so live.
                        "--window-size=1280,2000",
                        "about:blank");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        CompletableFuture<URI> endpoint = new CompletableFuture<>();
        Deque<String> tail = new ArrayDeque<>();
        Thread reader =
                new Thread(
                        () -> drain(process, endpoint, tail), "chromium-output-" + process.pid());
        reader.setDaemon(true);
        reader.start();
        try {
            return new Chromium(process, profile, endpoint.get(60, TimeUnit.SECONDS), tail);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            destroy(process, profile);
            throw new IOException("interrupted while Chromium started", e);
        } catch (ExecutionException | TimeoutException e) {
            destroy(process, profile);
            throw new IOException(
                    "Chromium did not print its DevTools address; its output:\n" + join(tail), e);
        }
    }

    /**
     * Reads the browser's output until it exits: the pipe must be drained or the browser blocks.
     * Keeps the last lines for error messages.
     */
    private static void drain(
            Process process, CompletableFuture<URI> endpoint, Deque<String> tail) {
        try (BufferedReader in =
                new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                int at = line.indexOf(LISTENING);
                if (at >= 0) {
                    endpoint.complete(URI.create(line.substring(at + LISTENING.length()).trim()));
                }
                synchronized (tail) {
                    tail.addLast(line);
                    while (tail.size() > STDERR_LINES_KEPT) {
                        tail.removeFirst();
                    }
                }
            }
            endpoint.completeExceptionally(new IOException("Chromium exited"));
        } catch (IOException e) {
            endpoint.completeExceptionally(e);
        }
    }

    /** The HTTP address of the DevTools endpoint, {@code http://127.0.0.1:<port>}. */
    URI devToolsHttp() {
        return URI.create("http://" + browserSocket.getAuthority());
    }

    /** The browser's last output lines, for a failure message. */
    String recentOutput() {
        return join(outputTail);
    }

    private static String join(Deque<String> tail) {
        synchronized (tail) {
            return String.join("\n", new ArrayList<>(tail));
        }
    }

    @Override
    public void close() {
        destroy(process, profile);
    }

    private static void destroy(Process process, Path profile) {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // The renderer and utility processes normally follow the browser; make sure they do.
        children.forEach(ProcessHandle::destroyForcibly);
        deleteTree(profile);
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            // A file a browser process still wrote while exiting: the temp directory keeps it.
            System.err.println("could not delete the browser profile " + root + ": " + e);
        }
    }
}
