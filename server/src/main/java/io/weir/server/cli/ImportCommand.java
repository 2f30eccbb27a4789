package io.weir.server.cli;

import io.weir.connectors.text.ExpositionFormat;
import io.weir.server.client.ApiException;
import io.weir.server.client.ExpositionChunker;
import io.weir.server.client.WeirClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code weir import FILE}: sends a Prometheus text or OpenMetrics file to a running server's
 * {@code POST /api/v1/import} in chunks of whole lines, which the server produces to {@code
 * weir.metrics}; a progress bar on standard error.
 */
@Command(
        name = "import",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Import a Prometheus text or OpenMetrics file (samples with timestamps) into"
                    + " weir.metrics through a running Weir server.",
            ""
        },
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:every chunk imported",
            "1:the server failed or could not be reached (chunks before it were imported)",
            "2:bad arguments or bad data (the server's message on standard error)"
        })
final class ImportCommand implements Callable<Integer> {
    enum InputFormat {
        auto,
        prometheus,
        openmetrics
    }

    @Spec CommandSpec spec;

    @Mixin ServerOptions server;

    @Parameters(index = "0", paramLabel = "FILE", description = "the samples")
    Path file;

    @Option(
            names = "--input-format",
            paramLabel = "<format>",
            defaultValue = "auto",
            description = "auto, prometheus or openmetrics (default: ${DEFAULT-VALUE})")
    InputFormat inputFormat;

    @Option(
            names = "--chunk-lines",
            paramLabel = "<n>",
            defaultValue = "20000",
            description = "lines sent per request (default: ${DEFAULT-VALUE})")
    int chunkLines;

    @Option(
            names = {"-q", "--quiet"},
            description = "no progress bar")
    boolean quiet;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            return run(out, err);
        } finally {
            out.flush();
            err.flush();
        }
    }

    private int run(PrintWriter out, PrintWriter err) {
        if (chunkLines < 1) {
            err.println("weir import: --chunk-lines must be positive");
            return ExitCodes.USAGE;
        }
        if (!Files.isRegularFile(file)) {
            err.println(file + ": no such file");
            return ExitCodes.USAGE;
        }
        WeirClient client;
        boolean openMetrics;
        long total;
        try {
            client = server.client();
            openMetrics =
                    switch (inputFormat) {
                        case prometheus -> false;
                        case openmetrics -> true;
                        case auto -> ExpositionFormat.detect(file) == ExpositionFormat.OPENMETRICS;
                    };
            total = Files.size(file);
        } catch (IllegalArgumentException e) {
            err.println("weir import: " + e.getMessage());
            return ExitCodes.USAGE;
        } catch (IOException e) {
            err.println(file + ": cannot read: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        String contentType =
                openMetrics
                        ? "application/openmetrics-text; version=1.0.0; charset=utf-8"
                        : "text/plain; version=0.0.4; charset=utf-8";
        Progress progress = new Progress(quiet ? null : err, total);
        long samples = 0;
        try (InputStream in = Files.newInputStream(file)) {
            ExpositionChunker chunker = new ExpositionChunker(in, openMetrics, chunkLines);
            for (ExpositionChunker.Chunk c; (c = chunker.next()) != null; ) {
                try {
                    samples += client.importChunk(c.bytes(), c.length(), contentType);
                } catch (ApiException e) {
                    progress.end();
                    err.println(
                            file
                                    + ": lines "
                                    + c.firstLine()
                                    + "-"
                                    + (c.firstLine() + c.lines() - 1)
                                    + " refused ("
                                    + String.format(Locale.ROOT, "%,d", samples)
                                    + " samples imported before them):");
                    return ServerOptions.fail(err, e);
                }
                progress.advance(c.inputBytes(), samples);
            }
        } catch (IOException e) {
            progress.end();
            if (e.getMessage() != null && e.getMessage().startsWith("cannot reach")) {
                return ServerOptions.fail(err, e);
            }
            err.println(file + ": " + e.getMessage());
            return ExitCodes.EVAL_FAILED;
        }
        progress.end();
        out.printf(
                Locale.ROOT,
                "imported %,d samples from %s in %.1f s%n",
                samples,
                file,
                progress.seconds());
        return ExitCodes.OK;
    }

    /** A one-line progress bar: bytes done of the total, samples per second. */
    static final class Progress {
        private static final int WIDTH = 30;
        private static final long EVERY_NANOS = 200_000_000L;

        private final PrintWriter err;
        private final long total;
        private final long startNanos = System.nanoTime();
        private long lastNanos;
        private long done;
        private boolean drawn;

        Progress(PrintWriter err, long total) {
            this.err = err;
            this.total = total;
        }

        void advance(long bytes, long samples) {
            done += bytes;
            long now = System.nanoTime();
            if (err == null || (now - lastNanos < EVERY_NANOS && done < total)) {
                return;
            }
            lastNanos = now;
            err.print("\r" + line(done, total, samples, seconds()));
            err.flush();
            drawn = true;
        }

        void end() {
            if (drawn) {
                err.println();
                err.flush();
                drawn = false;
            }
        }

        double seconds() {
            return (System.nanoTime() - startNanos) / 1e9;
        }

        static String line(long done, long total, long samples, double seconds) {
            double f = total <= 0 ? 1 : Math.min(1, (double) done / total);
            int filled = (int) Math.round(f * WIDTH);
            return String.format(
                    Locale.ROOT,
                    "[%s%s] %3.0f%% %s / %s  %,d samples  %,.0f samples/s",
                    "#".repeat(filled),
                    ".".repeat(WIDTH - filled),
                    f * 100,
                    size(done),
                    size(total),
                    samples,
                    seconds > 0 ? samples / seconds : 0);
        }

        static String size(long bytes) {
            if (bytes < 1024) {
                return bytes + " B";
            }
            if (bytes < 1024 * 1024) {
                return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
            }
            if (bytes < 1024L * 1024 * 1024) {
                return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
            }
            return String.format(Locale.ROOT, "%.2f GiB", bytes / (1024.0 * 1024 * 1024));
        }
    }
}
