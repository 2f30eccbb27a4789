package io.weir.server.cli;

import io.weir.connectors.text.ExpositionFormat;
import io.weir.connectors.text.ExpositionParser;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Measures loading a Prometheus text file of one million samples (1,000 series x 1,000 samples at
 * 15 s, labels as an exporter writes them) into the evaluator's memory store, as {@code weir eval}
 * does. Not a test: run it by hand after {@code mvn -pl server -am package -DskipTests}:
 *
 * <pre>
 * java -cp server/target/weir.jar:server/target/test-classes io.weir.server.cli.LoadBenchmark
 * </pre>
 *
 * An optional argument sets the number of series (samples per series stay 1,000).
 */
public final class LoadBenchmark {
    private LoadBenchmark() {}

    public static void main(String[] args) throws IOException {
        int seriesCount = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int perSeries = 1000;
        Path file = Files.createTempFile("weir-load", ".prom");
        try {
            write(file, seriesCount, perSeries);
            System.out.printf(
                    Locale.ROOT,
                    "file: %,d samples, %,d bytes%n",
                    (long) seriesCount * perSeries,
                    Files.size(file));
            double[] seconds = new double[7];
            for (int run = 0; run < seconds.length; run++) {
                ExpositionParser parser =
                        new ExpositionParser(ExpositionFormat.PROMETHEUS, "bench");
                try (InputStream in = Files.newInputStream(file)) {
                    SampleLoader.Loaded loaded =
                            SampleLoader.load(in, Files.size(file), parser, null, "bench");
                    seconds[run] = loaded.elapsedNanos() / 1e9;
                    System.out.printf(
                            Locale.ROOT,
                            "run %d: %,d samples in %.3f s (%.1f M samples/s)%n",
                            run + 1,
                            loaded.samples(),
                            seconds[run],
                            loaded.samples() / seconds[run] / 1e6);
                }
            }
            Arrays.sort(seconds);
            System.out.printf(
                    Locale.ROOT,
                    "median %.3f s, best %.3f s (first runs include JIT warm-up)%n",
                    seconds[seconds.length / 2],
                    seconds[0]);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** Series grouped as in an exposition: each series' samples in time order. */
    private static void write(Path file, int seriesCount, int perSeries) throws IOException {
        long t0 = 1_704_067_200_000L;
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("# HELP http_requests_total Requests served.\n");
            w.write("# TYPE http_requests_total counter\n");
            for (int s = 0; s < seriesCount; s++) {
                String series =
                        "http_requests_total{job=\"api\",instance=\"10.0."
                                + (s / 100)
                                + "."
                                + (s % 100)
                                + ":8080\",method=\""
                                + (s % 2 == 0 ? "GET" : "POST")
                                + "\",code=\""
                                + (s % 7 == 0 ? "500" : "200")
                                + "\"} ";
                double v = 0;
                for (int i = 0; i < perSeries; i++) {
                    v += (i * 31 + s) % 97 + 0.5;
                    w.write(series);
                    w.write(Double.toString(v));
                    w.write(' ');
                    w.write(Long.toString(t0 + i * 15_000L));
                    w.write('\n');
                }
            }
        }
    }
}
