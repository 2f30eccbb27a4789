package io.weir.job.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A JVM started as a separate operating-system process from a classpath file that Maven wrote
 * ({@code dependency:build-classpath}), its output appended to a log file. {@link #kill()} is a
 * SIGKILL: no shutdown hook runs, as when a machine dies.
 */
final class JavaProcess {
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
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classpath(classpathFile));
        command.add(mainClass);
        command.addAll(arguments);
        Files.createDirectories(log.getParent());
        Process p =
                new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                        .start();
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
