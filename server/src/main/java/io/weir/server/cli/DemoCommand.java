package io.weir.server.cli;

import io.weir.server.demo.ChildProcess;
import io.weir.server.demo.Demo;
import io.weir.server.demo.WeirHome;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code weir demo}: Weir on this machine, as separate processes (a Kafka broker, the Flink job on
 * a local MiniCluster, the server, a metrics generator), with a few views registered; Ctrl-C stops
 * everything.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Run Weir on this machine: a Kafka broker (KRaft), the Flink job on a local"
                    + " MiniCluster, the Weir server and a generator of realistic metrics, each"
                    + " its own process; register a few views; print the URLs. Ctrl-C stops"
                    + " everything.",
            "",
            "Needs the whole build: mvn -B package -DskipTests (bin/weir does it when the jar is"
                    + " missing).",
            ""
        })
final class DemoCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
            names = "--data-dir",
            paramLabel = "<dir>",
            description = "where data and logs go, kept (default: a temporary directory, deleted)")
    Path dataDir;

    @Option(
            names = "--listen",
            paramLabel = "<host:port>",
            defaultValue = "127.0.0.1:9090",
            description =
                    "the server's address; port 0 picks a free one (default: ${DEFAULT-VALUE})")
    String listen;

    @Option(
            names = "--series",
            paramLabel = "<n>",
            defaultValue = "1000",
            description = "about how many series to generate (default: ${DEFAULT-VALUE})")
    int series;

    @Option(
            names = "--interval",
            paramLabel = "<duration>",
            defaultValue = "15s",
            description = "the generator's interval (default: ${DEFAULT-VALUE})")
    String interval;

    @Option(
            names = "--backfill",
            paramLabel = "<duration>",
            defaultValue = "1h",
            description = "history the generator writes first (default: ${DEFAULT-VALUE})")
    String backfill;

    @Option(
            names = "--job-jar",
            paramLabel = "<file>",
            description = "the shaded job jar (default: job/target/weir-job.jar of this build)")
    Path jobJar;

    /** Counted down to stop the demo; the shutdown hook (Ctrl-C) does it. */
    private final CountDownLatch stop = new CountDownLatch(1);

    private final CountDownLatch stopped = new CountDownLatch(1);

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Thread hook =
                new Thread(
                        () -> {
                            stop.countDown();
                            try {
                                stopped.await(90, TimeUnit.SECONDS);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        },
                        "weir-demo-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return run(out, err);
        } finally {
            out.flush();
            err.flush();
            stopped.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down: the hook is running
            }
        }
    }

    private int run(PrintWriter out, PrintWriter err) {
        boolean temporary = dataDir == null;
        Path dir;
        try {
            dir =
                    temporary
                            ? Files.createTempDirectory("weir-demo-")
                            : Files.createDirectories(dataDir).toAbsolutePath();
        } catch (IOException e) {
            err.println("weir demo: cannot create the data directory: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        boolean serverTakesKafka =
                new CommandLine(new ServeCommand()).getCommandSpec().findOption("--kafka") != null;
        Demo demo;
        try {
            demo =
                    Demo.start(
                            WeirHome.find(),
                            new Demo.Options(
                                    dir,
                                    listen,
                                    series,
                                    interval,
                                    backfill,
                                    serverTakesKafka,
                                    jobJar == null ? null : jobJar.toAbsolutePath()),
                            out);
        } catch (IOException e) {
            out.println();
            err.println("weir demo: " + e.getMessage());
            err.println("weir demo: logs in " + dir.resolve("logs"));
            return ExitCodes.EVAL_FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCodes.EVAL_FAILED;
        }
        int status = ExitCodes.OK;
        try {
            printUrls(out, demo, dir, temporary);
            while (!stop.await(1, TimeUnit.SECONDS)) {
                ChildProcess gone = demo.exited();
                if (gone != null) {
                    err.println(
                            "weir demo: the "
                                    + gone.name()
                                    + " exited (see "
                                    + gone.log()
                                    + "); stopping everything:\n"
                                    + gone.tail());
                    status = ExitCodes.EVAL_FAILED;
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            out.println("weir demo: stopping ...");
            out.flush();
            try {
                demo.stop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (temporary && status == ExitCodes.OK) {
                delete(dir);
            }
            out.println("weir demo: stopped");
            out.flush();
        }
        return status;
    }

    private void printUrls(PrintWriter out, Demo demo, Path dir, boolean temporary) {
        out.println();
        out.println("weir demo: ready");
        out.println("  Weir API and web page  " + demo.apiUrl() + "/");
        out.println("  Flink web UI           " + demo.flinkUrl() + "/");
        out.println("  Kafka                  " + demo.kafkaServers());
        out.println("  data and logs          " + dir + (temporary ? " (deleted on exit)" : ""));
        if (!demo.views().isEmpty()) {
            out.println("Views:");
            demo.views().forEach(v -> out.println("  " + v.name() + " = " + v.query()));
        }
        out.println("Try:");
        out.println("  bin/weir views --server " + demo.apiUrl());
        out.println(
                "  bin/weir query --server "
                        + demo.apiUrl()
                        + " '"
                        + (demo.views().isEmpty()
                                ? "sum by (job) (rate(http_requests_total[1m]))"
                                : demo.views().get(0).name())
                        + "'");
        out.println("Ctrl-C stops everything.");
        out.flush();
    }

    private static void delete(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder())
                    .forEach(
                            p -> {
                                try {
                                    Files.deleteIfExists(p);
                                } catch (IOException e) {
                                    // best effort: a temporary directory
                                }
                            });
        } catch (IOException e) {
            // best effort
        }
    }
}
