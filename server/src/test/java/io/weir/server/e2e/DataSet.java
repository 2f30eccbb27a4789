package io.weir.server.e2e;

import io.weir.promql.eval.MemorySampleStore;
import io.weir.promql.model.Labels;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * The end-to-end data set: counters with resets ({@code x_total}), a classic histogram ({@code
 * x_bucket}) and gauges ({@code g}) at a 15 s interval, some series starting late or ending early.
 * Written time-major (every series at one time, then the next time) as a Prometheus text file with
 * millisecond timestamps, so that the job's watermark never passes a sample still to come; the same
 * samples go to a {@link MemorySampleStore} for the evaluator.
 */
final class DataSet {
    static final long INTERVAL_MS = 15_000;
    static final String[] LE = {"0.1", "0.5", "1.0", "5.0", "+Inf"};

    private final long startMs;
    private final long endMs;
    private final List<Series> series = new ArrayList<>();
    private final MemorySampleStore store = new MemorySampleStore();
    private long samples;

    private record Series(String family, Labels labels, String text, Model model) {}

    /** The value of one series over time; null where the series has no sample. */
    private interface Model {
        Double next(long t);
    }

    /**
     * The series, their values drawn from {@code seed}.
     *
     * @param startMs the first sample's time
     * @param endMs the last sample's time (inclusive)
     */
    DataSet(long startMs, long endMs, long seed) {
        this.startMs = startMs;
        this.endMs = endMs;
        Random r = new Random(seed);
        List<Series> gauges = new ArrayList<>();
        for (int j = 0; j < 4; j++) {
            for (int i = 0; i < 15; i++) {
                String job = "j" + j;
                String inst = String.format(Locale.ROOT, "i%02d", i);
                series.add(counter(job, inst, r, i % 5 == 0, i == 14 && j == 1));
                gauges.add(gauge(job, inst, r, i == 14));
            }
        }
        series.addAll(gauges);
        for (int j = 0; j < 2; j++) {
            for (int i = 0; i < 8; i++) {
                addHistogram("j" + j, String.format(Locale.ROOT, "i%02d", i), r, i == 3);
            }
        }
    }

    private Series counter(String job, String inst, Random r, boolean reset, boolean lateStart) {
        double rate = 0.5 + r.nextInt(200) / 10.0;
        long resetAt = startMs + (10 + r.nextInt(40)) * 60_000L + r.nextInt(4) * INTERVAL_MS;
        long firstAt = lateStart ? startMs + 20 * 60_000L : startMs;
        double[] v = {r.nextInt(100_000) / 8.0};
        Model m =
                t -> {
                    if (t < firstAt) {
                        return null;
                    }
                    if (reset && t == resetAt) {
                        v[0] = r.nextInt(10) / 4.0;
                    } else {
                        v[0] += Math.round(rate * 15 * (0.5 + r.nextDouble()) * 8) / 8.0;
                    }
                    return v[0];
                };
        Labels l = Labels.of("__name__", "x_total", "job", job, "instance", inst);
        return new Series("x_total", l, text("x_total", job, inst, null), m);
    }

    private Series gauge(String job, String inst, Random r, boolean endsEarly) {
        double[] v = {10 + r.nextInt(900) / 10.0};
        long lastAt = endsEarly ? startMs + 30 * 60_000L : Long.MAX_VALUE;
        Model m =
                t -> {
                    if (t > lastAt) {
                        return null;
                    }
                    v[0] = Math.round((v[0] + r.nextGaussian()) * 1000) / 1000.0;
                    return v[0];
                };
        Labels l = Labels.of("__name__", "g", "job", job, "instance", inst);
        return new Series("g", l, text("g", job, inst, null), m);
    }

    /** One histogram: cumulative bucket counters, all reset together once when {@code reset}. */
    private void addHistogram(String job, String inst, Random r, boolean reset) {
        long[] counts = new long[LE.length];
        long resetAt = startMs + 33 * 60_000L;
        double scale = 1 + r.nextInt(5);
        long[] lastT = {Long.MIN_VALUE};
        for (int b = 0; b < LE.length; b++) {
            int bucket = b;
            Model m =
                    t -> {
                        if (bucket == 0 && t != lastT[0]) {
                            lastT[0] = t;
                            if (reset && t == resetAt) {
                                Arrays.fill(counts, 0);
                            }
                            // observations this interval, per bucket (not cumulative)
                            long[] add = new long[LE.length];
                            for (int k = 0; k < LE.length; k++) {
                                add[k] = (long) (r.nextInt(20) * scale / (1 + Math.abs(k - 2)));
                            }
                            long cum = 0;
                            for (int k = 0; k < LE.length; k++) {
                                cum += add[k];
                                counts[k] += cum;
                            }
                        }
                        return (double) counts[bucket];
                    };
            Labels l = Labels.of("__name__", "x_bucket", "job", job, "instance", inst, "le", LE[b]);
            series.add(new Series("x", l, text("x_bucket", job, inst, LE[b]), m));
        }
    }

    private static String text(String name, String job, String inst, String le) {
        return name
                + "{job=\""
                + job
                + "\",instance=\""
                + inst
                + "\""
                + (le == null ? "" : ",le=\"" + le + "\"")
                + "} ";
    }

    /**
     * Writes every sample to the memory store and to one file in {@code dir}, series after series
     * (as a dump of a time-series database is written: the import must put it in time order);
     * returns the file; call once.
     */
    Path write(Path dir) throws IOException {
        Map<Series, Map<Long, Double>> values = new LinkedHashMap<>();
        for (long t = startMs; t <= endMs; t += INTERVAL_MS) {
            for (Series s : series) {
                Double v = s.model.next(t);
                if (v != null) {
                    values.computeIfAbsent(s, k -> new LinkedHashMap<>()).put(t, v);
                }
            }
        }
        Path file = dir.resolve("metrics.prom");
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            String family = null;
            for (Map.Entry<Series, Map<Long, Double>> e : values.entrySet()) {
                Series s = e.getKey();
                if (!s.family.equals(family)) {
                    family = s.family;
                    w.write("# TYPE " + family + " " + type(family) + "\n");
                }
                for (Map.Entry<Long, Double> p : e.getValue().entrySet()) {
                    w.write(s.text);
                    w.write(Double.toString(p.getValue()));
                    w.write(' ');
                    w.write(Long.toString(p.getKey()));
                    w.write('\n');
                    store.append(s.labels, p.getKey(), p.getValue());
                    samples++;
                }
            }
        }
        return file;
    }

    private static String type(String family) {
        return switch (family) {
            case "x_total" -> "counter";
            case "x" -> "histogram";
            default -> "gauge";
        };
    }

    MemorySampleStore store() {
        return store;
    }

    int seriesCount() {
        return series.size();
    }

    /** Samples written so far. */
    long samples() {
        return samples;
    }
}
