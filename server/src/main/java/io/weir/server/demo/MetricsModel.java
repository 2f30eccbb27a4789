package io.weir.server.demo;

import io.weir.promql.model.Labels;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Simulated services that look like what Prometheus scrapes: per instance, {@code
 * http_requests_total} counters by method and code, a classic {@code http_request_duration_seconds}
 * histogram ({@code _bucket} with {@code le}, {@code _sum}, {@code _count}), and the gauges {@code
 * http_requests_in_flight}, {@code process_resident_memory_bytes} and {@code up}.
 *
 * <p>Traffic follows a daily-looking wave (a ten-minute period, so it shows in a demo), with noise;
 * about 2 % of requests fail, and each instance has an error burst of two minutes every fifteen;
 * latencies are log-normal, slower when an instance is busy. Instances restart at random (about
 * once an hour each), which resets their counters and histogram to zero as a real restart does.
 *
 * <p>Deterministic for a seed: the same seed and the same tick times give the same samples. Not
 * thread-safe.
 */
public final class MetricsModel {
    /** Series per instance: 4 request counters, 8 buckets, sum, count, 3 gauges. */
    public static final int SERIES_PER_INSTANCE = 17;

    /** Bucket bounds, written as Prometheus 3 writes {@code le} (canonical floats). */
    static final double[] BOUNDS = {0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, Double.POSITIVE_INFINITY};

    private static final String[] JOBS = {"api", "web", "checkout"};
    private static final String[][] REQUEST_KINDS = {
        {"GET", "200"}, {"GET", "500"}, {"POST", "200"}, {"POST", "500"}
    };
    private static final int MAX_DRAWS = 256;

    /** A sample of one series at one tick. */
    @FunctionalInterface
    public interface SampleOut {
        void accept(int seriesIndex, Labels labels, long timestampMillis, double value);
    }

    private final List<Instance> instances = new ArrayList<>();
    private final Labels[] labels;
    private final double requestsPerSecond;
    private final SplittableRandom random;
    private long lastMillis = Long.MIN_VALUE;

    /**
     * @param series about how many series to simulate (rounded up to whole instances)
     * @param requestsPerSecond mean requests per second of one instance
     * @param seed the random seed
     */
    public MetricsModel(int series, double requestsPerSecond, long seed) {
        if (series < 1 || !(requestsPerSecond >= 0)) {
            throw new IllegalArgumentException("series must be positive, rate not negative");
        }
        this.requestsPerSecond = requestsPerSecond;
        this.random = new SplittableRandom(seed);
        int n = (series + SERIES_PER_INSTANCE - 1) / SERIES_PER_INSTANCE;
        List<Labels> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String job = JOBS[i % JOBS.length];
            String instance =
                    "10.0." + (i / JOBS.length / 250) + "." + (i / JOBS.length % 250 + 1) + ":8080";
            Instance in = new Instance(i, random.nextDouble() * 2 * Math.PI);
            instances.add(in);
            for (String[] kind : REQUEST_KINDS) {
                all.add(
                        Labels.of(
                                "__name__",
                                "http_requests_total",
                                "job",
                                job,
                                "instance",
                                instance,
                                "method",
                                kind[0],
                                "code",
                                kind[1]));
            }
            for (double b : BOUNDS) {
                all.add(
                        Labels.of(
                                "__name__",
                                "http_request_duration_seconds_bucket",
                                "job",
                                job,
                                "instance",
                                instance,
                                "le",
                                le(b)));
            }
            all.add(series("http_request_duration_seconds_sum", job, instance));
            all.add(series("http_request_duration_seconds_count", job, instance));
            all.add(series("http_requests_in_flight", job, instance));
            all.add(series("process_resident_memory_bytes", job, instance));
            all.add(series("up", job, instance));
        }
        this.labels = all.toArray(Labels[]::new);
    }

    /** How many series the model writes at each tick. */
    public int seriesCount() {
        return labels.length;
    }

    /** The labels of series {@code i}. */
    public Labels labels(int i) {
        return labels[i];
    }

    /**
     * Moves the simulation to {@code timestampMillis} and writes one sample of every series at that
     * time, in series order. Times must increase.
     */
    public void tick(long timestampMillis, SampleOut out) {
        if (timestampMillis <= lastMillis) {
            throw new IllegalArgumentException("ticks must move forward in time");
        }
        double seconds = lastMillis == Long.MIN_VALUE ? 0 : (timestampMillis - lastMillis) / 1e3;
        lastMillis = timestampMillis;
        int s = 0;
        for (Instance in : instances) {
            in.advance(timestampMillis, seconds);
            for (int k = 0; k < REQUEST_KINDS.length; k++) {
                out.accept(s, labels[s++], timestampMillis, in.requests[k]);
            }
            long cumulative = 0;
            for (int b = 0; b < BOUNDS.length; b++) {
                cumulative += in.buckets[b];
                out.accept(s, labels[s++], timestampMillis, (double) cumulative);
            }
            out.accept(s, labels[s++], timestampMillis, in.durationSum);
            out.accept(s, labels[s++], timestampMillis, (double) cumulative);
            out.accept(s, labels[s++], timestampMillis, in.inFlight);
            out.accept(s, labels[s++], timestampMillis, in.memory);
            out.accept(s, labels[s++], timestampMillis, 1);
        }
    }

    private static Labels series(String name, String job, String instance) {
        return Labels.of("__name__", name, "job", job, "instance", instance);
    }

    /** {@code le} as Prometheus 3 stores it: 1 is "1.0", 0.1 is "0.1" (for these bounds). */
    static String le(double b) {
        return b == Double.POSITIVE_INFINITY ? "+Inf" : Double.toString(b);
    }

    /** One simulated process. */
    private final class Instance {
        private final int index;
        private final double phase;
        final double[] requests = new double[REQUEST_KINDS.length];
        final long[] buckets = new long[BOUNDS.length];
        double durationSum;
        double inFlight;
        double memory = 180e6;

        Instance(int index, double phase) {
            this.index = index;
            this.phase = phase;
        }

        void advance(long millis, double seconds) {
            if (seconds <= 0) {
                return;
            }
            if (random.nextDouble() < seconds / 3600) {
                restart();
                return;
            }
            double wave = 1 + 0.5 * Math.sin(2 * Math.PI * millis / 600_000.0 + phase);
            double rate = requestsPerSecond * wave * Math.max(0, 1 + 0.15 * random.nextGaussian());
            long n = Math.round(rate * seconds);
            // An error burst: two minutes in every fifteen, staggered by instance.
            long minute = (millis / 60_000 + index * 4L) % 15;
            double errors = minute < 2 ? 0.25 : 0.02;
            long gets = Math.round(n * 0.8);
            long getErrors = binomial(gets, errors);
            long postErrors = binomial(n - gets, errors);
            requests[0] += gets - getErrors;
            requests[1] += getErrors;
            requests[2] += n - gets - postErrors;
            requests[3] += postErrors;
            double busy = Math.min(3, rate / Math.max(1, requestsPerSecond));
            double median = 0.06 * busy;
            observe(n, median);
            inFlight = Math.max(0, Math.round(rate * median * (1 + 0.3 * random.nextGaussian())));
            memory =
                    Math.max(
                            80e6,
                            Math.min(900e6, memory + 2e5 * seconds * random.nextGaussian() + 5e4));
        }

        /** Draws up to MAX_DRAWS latencies and spreads {@code n} requests over the buckets. */
        private void observe(long n, double median) {
            if (n == 0) {
                return;
            }
            int draws = (int) Math.min(n, MAX_DRAWS);
            long[] hits = new long[BOUNDS.length];
            double sum = 0;
            for (int i = 0; i < draws; i++) {
                double latency = median * Math.exp(0.9 * random.nextGaussian());
                sum += latency;
                int b = 0;
                while (latency > BOUNDS[b]) {
                    b++;
                }
                hits[b]++;
            }
            // Scale the draws to n requests with whole counts that add up to n.
            long given = 0;
            for (int b = 0; b < BOUNDS.length; b++) {
                long k = hits[b] * n / draws;
                buckets[b] += k;
                given += k;
            }
            for (int b = BOUNDS.length - 1;
                    given < n;
                    b = (b + BOUNDS.length - 1) % BOUNDS.length) {
                if (hits[b] > 0) {
                    buckets[b]++;
                    given++;
                }
            }
            durationSum += sum * n / draws;
        }

        private long binomial(long n, double p) {
            if (n <= 0) {
                return 0;
            }
            if (n < 50) {
                long k = 0;
                for (long i = 0; i < n; i++) {
                    if (random.nextDouble() < p) {
                        k++;
                    }
                }
                return k;
            }
            double mean = n * p;
            double sd = Math.sqrt(n * p * (1 - p));
            return Math.max(0, Math.min(n, Math.round(mean + sd * random.nextGaussian())));
        }

        private void restart() {
            java.util.Arrays.fill(requests, 0);
            java.util.Arrays.fill(buckets, 0);
            durationSum = 0;
            inFlight = 0;
            memory = 120e6;
        }
    }
}
