package io.weir.job.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The registered views of a benchmark run: the first {@code n} of a fixed list, all at step 1m. The
 * first two are the ones the SQL job also computes; the first ten read every series of their
 * metric; the rest repeat five shapes (rate, sum by of rate, avg_over_time, avg by of
 * avg_over_time, histogram_quantile) over one job's series each, with ranges of 1 to 5 minutes.
 */
final class BenchViews {
    static final long STEP = 60_000;

    /** A view: its name and PromQL text. */
    record View(String name, String query) {}

    private static final List<String> FIRST =
            List.of(
                    "sum by (job) (rate(bench_requests_total[5m]))",
                    "avg_over_time(bench_memory_bytes[5m])",
                    "histogram_quantile(0.9, sum by (le) (rate(bench_latency_seconds_bucket[5m])))",
                    "rate(bench_requests_total[2m])",
                    "avg by (job) (avg_over_time(bench_memory_bytes[10m]))",
                    "sum by (job, le) (rate(bench_latency_seconds_bucket[1m]))",
                    "max by (job) (bench_memory_bytes)",
                    "sum(rate(bench_requests_total[1m])) * 60",
                    "histogram_quantile(0.99, sum by (job, le)"
                            + " (rate(bench_latency_seconds_bucket[5m])))",
                    "avg_over_time(bench_memory_bytes[3m]) / 1048576");

    private BenchViews() {}

    static List<View> first(int n) {
        List<View> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new View("v" + i, query(i)));
        }
        return out;
    }

    static String query(int i) {
        if (i < FIRST.size()) {
            return FIRST.get(i);
        }
        String job = "{job=\"job-" + i % BenchData.JOBS + "\"}";
        String range = "[" + (1 + (i / 10) % 5) + "m]";
        return switch (i % 5) {
            case 0 -> "rate(bench_requests_total" + job + range + ")";
            case 1 -> "sum by (instance) (rate(bench_requests_total" + job + range + "))";
            case 2 -> "avg_over_time(bench_memory_bytes" + job + range + ")";
            case 3 -> "avg by (job) (avg_over_time(bench_memory_bytes" + job + range + "))";
            default ->
                    "histogram_quantile(0.5, sum by (le) (rate(bench_latency_seconds_bucket"
                            + job
                            + range
                            + ")))";
        };
    }
}
