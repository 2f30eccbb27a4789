package io.weir.server.cli;

import io.weir.connectors.text.ExpositionException;
import io.weir.connectors.text.ExpositionFormat;
import io.weir.server.client.ApiException;
import io.weir.server.client.ExpositionLines;
import io.weir.server.client.TimeSortedSamples;
import io.weir.server.client.WeirClient;
import java.io.FilterInputStream;
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
 * {@code weir import FILE}: reads a Prometheus text or OpenMetrics file, sorts its samples by time
 * ({@link TimeSortedSamples}: a file written series by series would otherwise reach the job minutes
 * out of order, and its watermark would drop most samples as late), and sends them in time order to
 * a running server's {@code POST /api/v1/import} in requests of {@code --chunk-lines} samples,
 * which the server produces to {@code weir.metrics}; a progress bar on standard error. A bad line
 * stops the import before anything is sent.
 */
@Command(
        name = "import",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Import a Prometheus text or OpenMetrics file (samples with timestamps) into"
                    + " weir.metrics through a running Weir server, in time order.",
            ""
        },
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:every sample imported",
            "1:the server failed or could not be reached (samples before it were imported)",
            "2:bad arguments or bad data (nothing imported; the message on standard error)"
        })
final class ImportCommand implements Callable<Integer> {
    private static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

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
            description = "samples sent per request (default: ${DEFAULT-VALUE})")
    int chunkLines;

    @Option(
            names = "--sort-memory-samples",
            paramLabel = "<n>",
            defaultValue = "" + TimeSortedSamples.DEFAULT_RUN_SAMPLES,
            description = {
                "samples sorted in memory at once; a larger file is sorted in runs spilled to",
                "the temporary directory (default: ${DEFAULT-VALUE})"
            })
    int runSamples;

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
        if (chunkLines < 1 || runSamples < 1) {
            err.println("weir import: --chunk-lines and --sort-memory-samples must be positive");
            return ExitCodes.USAGE;
        }
        if (!Files.isRegularFile(file)) {
            err.println(file + ": no such file");
            return ExitCodes.USAGE;
        }
        WeirClient client;
        ExpositionFormat format;
        long total;
        try {
            client = server.client();
            format =
                    switch (inputFormat) {
                        case prometheus -> ExpositionFormat.PROMETHEUS;
                        case openmetrics -> ExpositionFormat.OPENMETRICS;
                        case auto -> ExpositionFormat.detect(file);
                    };
            total = Files.size(file);
        } catch (IllegalArgumentException e) {
            err.println("weir import: " + e.getMessage());
            return ExitCodes.USAGE;
        } catch (IOException e) {
            err.println(file + ": cannot read: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        Progress progress = new Progress(quiet ? null : err, total);
        TimeSortedSamples samples;
        try (InputStream in = new Counted(Files.newInputStream(file), progress)) {
            Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
            samples = TimeSortedSamples.read(in, format, file.toString(), tmp, runSamples);
        } catch (ExpositionException e) {
            progress.end();
            err.println(e.getMessage());
            err.println(file + ": nothing imported");
            return ExitCodes.USAGE;
        } catch (IOException e) {
            progress.end();
            err.println(file + ": cannot read: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        try (samples) {
            return send(client, samples, progress, out, err);
        } catch (IOException e) {
            progress.end();
            if (e.getMessage() != null && e.getMessage().startsWith("cannot reach")) {
                return ServerOptions.fail(err, e);
            }
            err.println(file + ": " + e.getMessage());
            return ExitCodes.EVAL_FAILED;
        }
    }

    /** Sends the samples in time order, {@code chunkLines} per request. */
    private int send(
            WeirClient client,
            TimeSortedSamples samples,
            Progress progress,
            PrintWriter out,
            PrintWriter err)
            throws IOException {
        progress.sending(samples.size());
        long sent = 0;
        ExpositionLines lines = new ExpositionLines();
        try (TimeSortedSamples.Cursor c = samples.cursor()) {
            boolean more = true;
            while (more) {
                more = c.next();
                if (more) {
                    lines.add(c.labels(), c.time(), c.value());
                }
                if (lines.lines() == chunkLines || (!more && lines.lines() > 0)) {
                    int n = lines.lines();
                    byte[] body = lines.take();
                    try {
                        sent += client.importChunk(body, body.length, CONTENT_TYPE);
                    } catch (ApiException e) {
                        progress.end();
                        err.println(
                                file
                                        + ": refused by the server ("
                                        + String.format(Locale.ROOT, "%,d", sent)
                                        + " of "
                                        + String.format(Locale.ROOT, "%,d", samples.size())
                                        + " samples imported before it):");
                        return ServerOptions.fail(err, e);
                    }
                    progress.advance(n);
                }
            }
        }
        progress.end();
        out.printf(
                Locale.ROOT,
                "imported %,d samples from %s in %.1f s%n",
                sent,
                file,
                progress.seconds());
        return ExitCodes.OK;
    }

    /** Counts the bytes read into the progress bar. */
    private static final class Counted extends FilterInputStream {
        private final Progress progress;

        Counted(InputStream in, Progress progress) {
            super(in);
            this.progress = progress;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                progress.advance(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                progress.advance(n);
            }
            return n;
        }
    }

    /**
     * A one-line progress bar in two phases: reading (bytes of the file) and sorting, then sending
     * (samples of the file's total, samples per second).
     */
    static final class Progress {
        private static final int WIDTH = 30;
        private static final long EVERY_NANOS = 200_000_000L;

        private final PrintWriter err;
        private final long startNanos = System.nanoTime();
        private long total;
        private long lastNanos;
        private long done;
        private boolean sendingPhase;
        private long sendStartNanos;
        private boolean drawn;

        Progress(PrintWriter err, long totalBytes) {
            this.err = err;
            this.total = totalBytes;
        }

        /** From now on, progress counts samples sent of {@code totalSamples}. */
        void sending(long totalSamples) {
            end();
            sendingPhase = true;
            total = totalSamples;
            done = 0;
            lastNanos = 0;
            sendStartNanos = System.nanoTime();
        }

        /** {@code units} more done: bytes read, or samples sent. */
        void advance(long units) {
            done += units;
            long now = System.nanoTime();
            if (err == null || (now - lastNanos < EVERY_NANOS && done < total)) {
                return;
            }
            lastNanos = now;
            String line =
                    sendingPhase
                            ? sendLine(done, total, (now - sendStartNanos) / 1e9)
                            : readLine(done, total);
            err.print("\r" + line);
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

        static String readLine(long done, long total) {
            return String.format(
                    Locale.ROOT, "reading %s %s / %s", bar(done, total), size(done), size(total));
        }

        static String sendLine(long sent, long total, double seconds) {
            return String.format(
                    Locale.ROOT,
                    "sending %s %,d / %,d samples  %,.0f samples/s",
                    bar(sent, total),
                    sent,
                    total,
                    seconds > 0 ? sent / seconds : 0);
        }

        private static String bar(long done, long total) {
            double f = total <= 0 ? 1 : Math.min(1, (double) done / total);
            int filled = (int) Math.round(f * WIDTH);
            return String.format(
                    Locale.ROOT,
                    "[%s%s] %3.0f%%",
                    "#".repeat(filled),
                    ".".repeat(WIDTH - filled),
                    f * 100);
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
