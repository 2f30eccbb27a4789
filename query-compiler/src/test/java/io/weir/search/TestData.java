package io.weir.search;

import io.weir.promql.eval.MemorySampleStore;
import io.weir.promql.model.Labels;
import io.weir.promql.model.StaleNaN;
import java.util.Random;

/** A generated data set: a few hundred series over two hours, samples every 30 s. */
public final class TestData {
    public static final long START = 1_700_000_000_000L - 1_700_000_000_000L % 3_600_000;
    public static final long END = START + 2 * 3_600_000;
    public static final long STEP = 30_000;

    private TestData() {}

    public static MemorySampleStore store(long seed, int seriesCount) {
        Random r = new Random(seed);
        String[] names = {"http_requests_total", "checkout_latency_seconds", "db_query_seconds"};
        String[] services = {"checkout", "cart", "checkout-api", "search"};
        String[] regions = {"eu-west", "us-east", "ap-south"};
        MemorySampleStore store = new MemorySampleStore();
        for (int i = 0; i < seriesCount; i++) {
            Labels.Builder b = Labels.builder().set(Labels.METRIC_NAME, names[r.nextInt(3)]);
            b.set("instance", "host-" + i);
            if (r.nextInt(4) > 0) {
                b.set("service", services[r.nextInt(services.length)]);
            }
            if (r.nextBoolean()) {
                b.set("region", regions[r.nextInt(regions.length)]);
            }
            if (r.nextInt(3) == 0) {
                b.set("env", r.nextBoolean() ? "prod" : "dev");
            }
            Labels labels = b.build();
            double scale = 0.05 + r.nextDouble();
            // Some series stop early or start late, so that some ranges hold no samples.
            long from = START + (r.nextInt(5) == 0 ? r.nextInt(7200) * 1000L : 0);
            long to = END - (r.nextInt(5) == 0 ? r.nextInt(7200) * 1000L : 0);
            for (long t = from; t <= to; t += STEP) {
                double v = scale * r.nextDouble() * (r.nextInt(10) == 0 ? 5 : 1);
                if (r.nextInt(200) == 0) {
                    v = r.nextBoolean() ? StaleNaN.VALUE : -v;
                }
                store.append(labels, t, v);
            }
        }
        return store;
    }
}
