package io.weir.job.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A JVM started as a separate operating-system process from a classpath file that Maven wrote
 * ({@code dependency:build-classpath}), its output appended to a log file. {@link #kill()} is a
 * SIGKILL: no shutdown hook runs, as when a machine dies.
 */
final class JavaProcess {
    /** Every process started and not yet ended: none outlives the test JVM. */
    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> RUNNING.forEach(Process::destroyForcibly),
                                "stop cluster processes"));
    }

    private final String name;
    private final Process process;
    private final Path log;

    private JavaProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /** Starts {@code mainClass} with the JVM options and arguments given. */
    static JavaProcess start(
            String name,
            Path classpathFile,
            List<String> jvmOptions,
            String mainClass,
            List<String> arguments,
            Path log)
            throws IOException {
        return launch(
                name,
                jvmOptions,
                List.of("-cp", classpath(classpathFile), mainClass),
                arguments,
                log);
    }

    /** Starts an executable jar ({@code java -jar}). */
    static JavaProcess startJar(
            String name, Path jar, List<String> jvmOptions, List<String> arguments, Path log)
            throws IOException {
        return launch(name, jvmOptions, List.of("-jar", jar.toString()), arguments, log);
    }

    private static JavaProcess launch(
            String name,
            List<String> jvmOptions,
            List<String> what,
            List<String> arguments,
            Path log)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(javaBinary());
        command.addAll(jvmOptions);
        command.addAll(what);
        command.addAll(arguments);
        Files.createDirectories(log.getParent());
        Process p =
                new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                        .start();
        RUNNING.add(p);
        var unused = p.onExit().thenRun(() -> RUNNING.remove(p));
        return new JavaProcess(name, p, log);
    }

    /** Runs {@code mainClass} to its end and returns its standard output. */
    static String run(Path classpathFile, String mainClass, List<String> arguments, Path log)
            throws IOException, InterruptedException {
        JavaProcess p = start("run", classpathFile, List.of(), mainClass, arguments, log);
        if (!p.process.waitFor(2, TimeUnit.MINUTES)) {
            p.kill();
            throw new IOException(mainClass + " did not finish; see " + log);
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        if (p.process.exitValue() != 0) {
            throw new IOException(mainClass + " failed: " + out);
        }
        return out;
    }

    /** How a process that ran to its end ended: its exit status and what it wrote. */
    record Finished(int status, String out, String err) {}

    /**
     * Runs an executable jar ({@code java -jar}) to its end, its standard output and error kept
     * apart (in {@code logPrefix.out} and {@code logPrefix.err}): a command line prints its answer
     * on one and its complaints on the other.
     */
    static Finished runJar(Path jar, List<String> arguments, Path logPrefix, Duration timeout)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-jar", jar.toString()));
        command.addAll(arguments);
        Files.createDirectories(logPrefix.getParent());
        Path out = logPrefix.resolveSibling(logPrefix.getFileName() + ".out");
        Path err = logPrefix.resolveSibling(logPrefix.getFileName() + ".err");
        Process p =
                new ProcessBuilder(command)
                        .redirectOutput(out.toFile())
                        .redirectError(err.toFile())
                        .start();
        RUNNING.add(p);
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                p.waitFor(30, TimeUnit.SECONDS);
                throw new IOException(
                        String.join(" ", arguments)
                                + " did not finish in "
                                + timeout
                                + "; see "
                                + err);
            }
        } finally {
            RUNNING.remove(p);
        }
        return new Finished(
                p.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static String classpath(Path classpathFile) throws IOException {
        return Files.readString(classpathFile, StandardCharsets.UTF_8).strip();
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    Path log() {
        return log;
    }

    /** SIGKILL, and waits for the process to be gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM (shutdown hooks run), SIGKILL after 30 s. */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            kill();
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ", log " + log + ")";
    }
}
