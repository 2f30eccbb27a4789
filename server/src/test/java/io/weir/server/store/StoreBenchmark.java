package io.weir.server.store;

import io.weir.promql.eval.SampleChunk;
import io.weir.promql.eval.SampleStore;
import io.weir.promql.model.Labels;
import io.weir.promql.parser.PromqlParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Measures the sample store's size on disk per sample: 1,000 series x 10,000 samples at 15 s (about
 * 42 hours), counters (busy and rare) and gauges (one decimal, and byte counts), once with exact 15
 * s intervals and once with scrape jitter of up to ±5 ms. Not a test: run it by hand after {@code
 * mvn -pl server -am package -DskipTests}:
 *
 * <pre>
 * java -cp server/target/weir.jar:server/target/test-classes io.weir.server.store.StoreBenchmark
 * </pre>
 *
 * Optional arguments: the number of series, and samples per series.
 */
public final class StoreBenchmark {
    private StoreBenchmark() {}

    public static void main(String[] args) throws Exception {
        int seriesCount = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int perSeries = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        for (int jitter : new int[] {0, 5}) {
            run(
                    new SampleData(
                            seriesCount, perSeries, 1_700_000_000_000L, 15_000, jitter, false, 7));
        }
    }

    private static void run(SampleData data) throws Exception {
        Path dir = Files.createTempDirectory("weir-store");
        long samples = (long) data.seriesCount * data.samplesPerSeries;
        long[] codecBits = {0};
        long[] bitsByKind = new long[4];
        int[] seriesIndex = {-1};
        long[] ts = new long[data.samplesPerSeries];
        double[] vs = new double[data.samplesPerSeries];
        int[] n = {0};
        Labels[] current = {null};
        try {
            long t0 = System.nanoTime();
            try (RocksSampleStore store = RocksSampleStore.open(dir, StoreOptions.defaults())) {
                data.generate(
                        (labels, t, v) -> {
                            if (!labels.equals(current[0])) {
                                long bits = chunkBits(ts, vs, n[0]);
                                codecBits[0] += bits;
                                if (seriesIndex[0] >= 0) {
                                    bitsByKind[seriesIndex[0] % 4] += bits;
                                }
                                seriesIndex[0]++;
                                n[0] = 0;
                                current[0] = labels;
                            }
                            ts[n[0]] = t;
                            vs[n[0]++] = v;
                            if (!store.append(labels, t, v).accepted()) {
                                throw new IllegalStateException("rejected " + labels + " " + t);
                            }
                        });
                long lastBits = chunkBits(ts, vs, n[0]);
                codecBits[0] += lastBits;
                bitsByKind[seriesIndex[0] % 4] += lastBits;
                store.flush();
                long loaded = System.nanoTime();
                store.compact();
                long compacted = System.nanoTime();
                long read = readAll(store);
                long scanned = System.nanoTime();
                System.out.printf(
                        Locale.ROOT,
                        "jitter ±%d ms: %,d samples; load+flush %.1f s, compact %.1f s, read all %.1f s"
                                + " (%,d samples)%n",
                        data.jitterMillis,
                        samples,
                        (loaded - t0) / 1e9,
                        (compacted - loaded) / 1e9,
                        (scanned - compacted) / 1e9,
                        read);
            }
            long sst = sizeOf(dir, ".sst");
            long wal = sizeOf(dir, ".log");
            long all = sizeOf(dir, "");
            System.out.printf(
                    Locale.ROOT,
                    "  codec: %.3f bits/sample (%.3f bytes); on disk after close: SST %,d + WAL %,d"
                            + " bytes = %.3f bytes/sample (whole directory %,d bytes)%n",
                    codecBits[0] / (double) samples,
                    codecBits[0] / 8.0 / samples,
                    sst,
                    wal,
                    (sst + wal) / (double) samples,
                    all);
            double perKind = samples / 4.0;
            System.out.printf(
                    Locale.ROOT,
                    "  codec bits/sample by kind: busy counter %.2f, one-decimal gauge %.2f,"
                            + " rare counter %.2f, byte gauge %.2f%n",
                    bitsByKind[0] / perKind,
                    bitsByKind[1] / perKind,
                    bitsByKind[2] / perKind,
                    bitsByKind[3] / perKind);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    /** Bits of the chunks the store cuts from one series: 120 samples each. */
    private static long chunkBits(long[] ts, double[] vs, int n) {
        long bits = 0;
        for (int from = 0; from < n; from += 120) {
            bits += ChunkCodec.encodedBits(ts, vs, from, Math.min(n, from + 120));
        }
        return bits;
    }

    private static long readAll(SampleStore store) {
        long total = 0;
        List<SampleStore.StoredSeries> all =
                store.select(
                        PromqlParser.parseMetricSelector("{__name__=~\".+\"}"),
                        Long.MIN_VALUE,
                        Long.MAX_VALUE);
        for (SampleStore.StoredSeries s : all) {
            SampleChunk c = s.read(Long.MIN_VALUE, Long.MAX_VALUE);
            total += c.size();
        }
        return total;
    }

    private static long sizeOf(Path dir, String suffix) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(suffix))
                    .mapToLong(
                            p -> {
                                try {
                                    return Files.size(p);
                                } catch (IOException e) {
                                    throw new IllegalStateException(e);
                                }
                            })
                    .sum();
        }
    }
}
