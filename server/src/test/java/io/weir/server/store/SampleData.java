package io.weir.server.store;

import io.weir.promql.model.Labels;
import io.weir.promql.model.StaleNaN;
import java.util.Random;

/**
 * Generated scrapes, at a fixed interval with optional jitter: in turn a busy counter, a gauge with
 * one decimal, a counter of rare events, and a byte-count gauge that changes now and then; counters
 * reset now and then. Optionally, when {@code irregular}: gaps closed by staleness markers, NaN and
 * infinite gauge values, and neighbouring samples delivered swapped (out of order within a chunk).
 */
final class SampleData {
    /** Receives one sample. */
    interface Sink {
        void accept(Labels labels, long t, double v) throws Exception;
    }

    final int seriesCount;
    final int samplesPerSeries;
    final long startMillis;
    final long intervalMillis;
    final int jitterMillis;
    final boolean irregular;
    final long seed;

    SampleData(
            int seriesCount,
            int samplesPerSeries,
            long startMillis,
            long intervalMillis,
            int jitterMillis,
            boolean irregular,
            long seed) {
        this.seriesCount = seriesCount;
        this.samplesPerSeries = samplesPerSeries;
        this.startMillis = startMillis;
        this.intervalMillis = intervalMillis;
        this.jitterMillis = jitterMillis;
        this.irregular = irregular;
        this.seed = seed;
    }

    static Labels labelsOf(int i) {
        boolean counter = i % 2 == 0;
        return Labels.of(
                "__name__",
                counter ? "http_requests_total" : "node_temperature_celsius",
                "job",
                i % 3 == 0 ? "api" : "web",
                "instance",
                (i % 5 < 2 ? "a" : "b") + "-" + i + ":9100",
                "code",
                counter ? (i % 4 == 0 ? "500" : "200") : "");
    }

    /** Generates every series in turn, each in time order (but for swapped neighbours). */
    void generate(Sink sink) throws Exception {
        for (int s = 0; s < seriesCount; s++) {
            Random r = new Random(seed * 1_000_003L + s);
            Labels labels = labelsOf(s);
            boolean counter = s % 2 == 0;
            double value = counter ? r.nextInt(1000) : 20 + r.nextInt(100) / 10.0;
            long pendingT = Long.MIN_VALUE;
            double pendingV = 0;
            for (int i = 0; i < samplesPerSeries; i++) {
                long t = startMillis + i * intervalMillis;
                if (jitterMillis > 0) {
                    t += r.nextInt(2 * jitterMillis + 1) - jitterMillis;
                }
                if (counter) {
                    // Every other counter is busy; the rest count rare events.
                    value += s % 4 == 0 ? r.nextInt(300) : r.nextInt(8) == 0 ? 1 : 0;
                    if (r.nextInt(500) == 0) {
                        value = r.nextInt(10); // a restart resets the counter
                    }
                } else if (s % 4 == 1) {
                    value = Math.round((value + (r.nextGaussian() * 0.3)) * 10) / 10.0;
                } else if (r.nextInt(10) == 0) {
                    // A byte count that moves by pages now and then.
                    value = 1_000_000_000.0 + r.nextInt(4096) * 4096.0;
                }
                double v = value;
                if (irregular) {
                    int dice = r.nextInt(200);
                    if (dice == 0) {
                        // The target disappears: a staleness marker, then a gap.
                        flushPending(sink, labels, pendingT, pendingV);
                        pendingT = Long.MIN_VALUE;
                        sink.accept(labels, t, StaleNaN.VALUE);
                        i += 5 + r.nextInt(40);
                        continue;
                    }
                    if (!counter && dice < 4) {
                        v = dice == 1 ? Double.NaN : dice == 2 ? Double.POSITIVE_INFINITY : -0.0;
                    } else if (!counter && dice == 4) {
                        v = Double.NEGATIVE_INFINITY;
                    }
                    if (dice >= 190 && pendingT == Long.MIN_VALUE) {
                        // Hold this sample back and deliver it after the next one.
                        pendingT = t;
                        pendingV = v;
                        continue;
                    }
                }
                sink.accept(labels, t, v);
                flushPending(sink, labels, pendingT, pendingV);
                pendingT = Long.MIN_VALUE;
            }
            flushPending(sink, labels, pendingT, pendingV);
        }
    }

    private static void flushPending(Sink sink, Labels labels, long t, double v) throws Exception {
        if (t != Long.MIN_VALUE) {
            sink.accept(labels, t, v);
        }
    }
}
