package io.weir.server.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A process the demo started: its output (standard output and error together) copied line by line
 * to a log file, the recent lines kept so that a wait can look for a line and a failure can show
 * the end of the log.
 */
public final class ChildProcess {
    private static final int TAIL_LINES = 40;

    private final String name;
    private final Process process;
    private final Path log;
    private final List<String> lines = new ArrayList<>();
    private final Deque<String> tail = new ArrayDeque<>();
    private boolean ended;

    private ChildProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /** Starts {@code command} with its output going to {@code log}. */
    public static ChildProcess start(String name, List<String> command, Path log)
            throws IOException {
        Files.createDirectories(log.toAbsolutePath().getParent());
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
        Process p = pb.start();
        ChildProcess c = new ChildProcess(name, p, log);
        Thread pump = new Thread(c::pump, "weir-demo-" + name + "-output");
        pump.setDaemon(true);
        pump.start();
        return c;
    }

    /** Runs {@code command} to its end; its output to {@code log}; fails on a non-zero status. */
    public static void run(String name, List<String> command, Path log, Duration timeout)
            throws IOException, InterruptedException {
        ChildProcess c = start(name, command, log);
        if (!c.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            c.stop(Duration.ofSeconds(5));
            throw new IOException(name + " did not finish in " + timeout.toSeconds() + " s");
        }
        c.awaitOutput();
        if (c.process.exitValue() != 0) {
            throw new IOException(
                    name + " failed (status " + c.process.exitValue() + "):\n" + c.tail());
        }
    }

    private static java.io.File nullDevice() {
        return new java.io.File(
                System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    private void pump() {
        try (BufferedReader r =
                        new BufferedReader(
                                new InputStreamReader(
                                        process.getInputStream(), StandardCharsets.UTF_8));
                Writer w = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
            for (String line; (line = r.readLine()) != null; ) {
                w.write(line);
                w.write('\n');
                w.flush();
                synchronized (this) {
                    lines.add(line);
                    tail.addLast(line);
                    if (tail.size() > TAIL_LINES) {
                        tail.removeFirst();
                    }
                    notifyAll();
                }
            }
        } catch (IOException e) {
            // the process is gone; what was read is kept
        } finally {
            synchronized (this) {
                ended = true;
                notifyAll();
            }
        }
    }

    private synchronized void awaitOutput() throws InterruptedException {
        while (!ended) {
            wait(1000);
        }
    }

    /**
     * Waits for an output line that {@code match} accepts, from the start of the output; returns
     * it. Fails when the process ends first or the time runs out, with the end of the log.
     */
    public String awaitLine(Predicate<String> match, Duration timeout)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int seen = 0;
        synchronized (this) {
            while (true) {
                for (; seen < lines.size(); seen++) {
                    if (match.test(lines.get(seen))) {
                        return lines.get(seen);
                    }
                }
                if (ended) {
                    throw new IOException(name + " exited (see " + log + "):\n" + tail());
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IOException(
                            name
                                    + " not ready after "
                                    + timeout.toSeconds()
                                    + " s (see "
                                    + log
                                    + "):\n"
                                    + tail());
                }
                wait(Math.max(1, Math.min(left / 1_000_000, 500)));
            }
        }
    }

    /** The last lines of the output. */
    public synchronized String tail() {
        return String.join("\n", tail);
    }

    public String name() {
        return name;
    }

    public Path log() {
        return log;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The process and everything it started, as handles. */
    public List<ProcessHandle> processes() {
        List<ProcessHandle> all = new ArrayList<>();
        all.add(process.toHandle());
        process.descendants().forEach(all::add);
        return all;
    }

    /**
     * Asks the process to stop (SIGTERM, which runs its shutdown hooks), waits up to {@code grace},
     * then kills it and whatever it started; returns once all of them are gone.
     */
    public void stop(Duration grace) throws InterruptedException {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        for (ProcessHandle d : descendants) {
            if (d.isAlive()) {
                d.destroyForcibly();
                try {
                    d.onExit().get(10, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException
                        | java.util.concurrent.TimeoutException e) {
                    // gone or stuck; nothing more can be done from here
                }
            }
        }
    }
}
