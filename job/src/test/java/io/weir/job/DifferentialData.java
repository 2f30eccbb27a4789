package io.weir.job;

import io.weir.connectors.codec.SampleBatch;
import io.weir.promql.model.Labels;
import io.weir.promql.model.StaleNaN;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * The generated data set of the differential test: 30 minutes of 15 s scrapes of HTTP counters (a
 * reset in one, a gap longer than the lookback in another), room temperatures (a staleness marker,
 * then a gap), a classic latency histogram per job, {@code up}, {@code machine_info} and a door
 * sensor. Every seventh sample arrives about 8 s after its time's place in the stream (out of
 * order, within the views' lateness); two door samples arrive 10 minutes late (dead letters).
 */
final class DifferentialData {
    static final long SCRAPE = 15_000;
    static final int SCRAPES = 120;

    /** How much later than its place an out-of-order sample arrives, in event time. */
    static final long DISORDER = 8_000;

    static final long LATE = 600_000;

    /**
     * @param sendOrder the samples in the order they are produced (late ones included)
     * @param onTime the samples the job uses: the evaluator's data
     * @param late the samples too late for every view that reads them
     */
    record Generated(
            List<SampleBatch> sendOrder, List<SampleBatch> onTime, List<SampleBatch> late) {}

    private DifferentialData() {}

    static Generated generate(long t0) {
        Random random = new Random(42);
        List<Labels> counters =
                List.of(
                        counter("api", "a", "200"),
                        counter("api", "a", "500"),
                        counter("api", "b", "200"),
                        counter("web", "a", "200"));
        List<Labels> gauges =
                List.of(
                        Labels.of("__name__", "temperature", "room", "kitchen"),
                        Labels.of("__name__", "temperature", "room", "lab"),
                        Labels.of("__name__", "temperature", "room", "kiln"));
        List<Labels> ups =
                List.of(
                        Labels.of("__name__", "up", "job", "api", "instance", "a"),
                        Labels.of("__name__", "up", "job", "api", "instance", "b"),
                        Labels.of("__name__", "up", "job", "web", "instance", "a"));
        List<String> jobs = List.of("api", "web");
        double[] bounds = {0.1, 0.5, 1, Double.POSITIVE_INFINITY};
        double[] counts = new double[counters.size()];
        double[][] buckets = new double[jobs.size()][bounds.length];
        double[] sums = new double[jobs.size()];
        Labels door = Labels.of("__name__", "door_open", "door", "front");
        List<SampleBatch> onTime = new ArrayList<>();
        List<SampleBatch> late = new ArrayList<>();
        for (int i = 0; i < SCRAPES; i++) {
            long scrape = t0 + i * SCRAPE;
            for (int c = 0; c < counters.size(); c++) {
                if (c == 3 && i >= 40 && i < 70) {
                    continue; // a gap of 7.5 minutes
                }
                counts[c] += random.nextInt(50);
                if (c == 2 && i == 50) {
                    counts[c] = 3; // a counter reset
                }
                onTime.add(SampleBatch.of(counters.get(c), scrape + 1_000 + c * 2_000L, counts[c]));
            }
            for (int g = 0; g < gauges.size(); g++) {
                double v = 270 + random.nextDouble() * 30;
                if (g == 1 && i == 60) {
                    v = StaleNaN.VALUE; // the target went away for a while
                } else if (g == 1 && i > 60 && i < 80) {
                    continue;
                }
                onTime.add(SampleBatch.of(gauges.get(g), scrape + 2_000 + g * 3_000L, v));
            }
            for (int j = 0; j < jobs.size(); j++) {
                long ts = scrape + 9_000 + j * 500L;
                int observations = random.nextInt(20);
                for (int o = 0; o < observations; o++) {
                    double d = random.nextDouble() * random.nextDouble() * 1.5;
                    sums[j] += d;
                    for (int b = 0; b < bounds.length; b++) {
                        if (d <= bounds[b]) {
                            buckets[j][b]++;
                        }
                    }
                }
                String job = jobs.get(j);
                for (int b = 0; b < bounds.length; b++) {
                    String le = b == bounds.length - 1 ? "+Inf" : Double.toString(bounds[b]);
                    onTime.add(
                            SampleBatch.of(
                                    Labels.of(
                                            "__name__",
                                            "http_request_duration_seconds_bucket",
                                            "job",
                                            job,
                                            "le",
                                            le),
                                    ts,
                                    buckets[j][b]));
                }
                onTime.add(
                        SampleBatch.of(
                                Labels.of(
                                        "__name__",
                                        "http_request_duration_seconds_sum",
                                        "job",
                                        job),
                                ts,
                                sums[j]));
                onTime.add(
                        SampleBatch.of(
                                Labels.of(
                                        "__name__",
                                        "http_request_duration_seconds_count",
                                        "job",
                                        job),
                                ts,
                                buckets[j][bounds.length - 1]));
            }
            for (int u = 0; u < ups.size(); u++) {
                boolean down = (u == 2 && i >= 40 && i < 70) || (u == 1 && i >= 80 && i < 86);
                onTime.add(SampleBatch.of(ups.get(u), scrape + 11_000 + u * 100L, down ? 0 : 1));
            }
            onTime.add(
                    SampleBatch.of(
                            Labels.of("__name__", "machine_info", "instance", "a", "region", "eu"),
                            scrape + 12_000,
                            1));
            onTime.add(
                    SampleBatch.of(
                            Labels.of("__name__", "machine_info", "instance", "b", "region", "us"),
                            scrape + 12_100,
                            1));
            SampleBatch d = SampleBatch.of(door, scrape + 13_000, i % 3 == 0 ? 1 : 0);
            (i == 30 || i == 31 ? late : onTime).add(d);
        }
        onTime.sort(Comparator.comparingLong(b -> b.timestamp(0)));
        // Arrival order: by time, but every seventh sample is held back and the late ones much
        // more.
        List<long[]> order = new ArrayList<>();
        List<SampleBatch> all = new ArrayList<>(onTime);
        all.addAll(late);
        for (int k = 0; k < all.size(); k++) {
            long ts = all.get(k).timestamp(0);
            long arrival = k >= onTime.size() ? ts + LATE : (k % 7 == 3 ? ts + DISORDER : ts);
            order.add(new long[] {arrival, k});
        }
        order.sort(Comparator.<long[]>comparingLong(o -> o[0]).thenComparingLong(o -> o[1]));
        List<SampleBatch> sendOrder = new ArrayList<>();
        for (long[] o : order) {
            sendOrder.add(all.get((int) o[1]));
        }
        return new Generated(sendOrder, onTime, late);
    }

    private static Labels counter(String job, String instance, String code) {
        return Labels.of(
                "__name__", "http_requests_total", "job", job, "instance", instance, "code", code);
    }
}
