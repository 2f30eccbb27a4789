package io.weir.job.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Medians over the runs of each configuration, as a Markdown table for BENCHMARKS.md. */
final class BenchReport {
    private BenchReport() {}

    static void print(List<BenchRun.Outcome> outcomes, int[] viewCounts, boolean sql) {
        System.out.println();
        System.out.println(
                "| job | views | runs | samples/s (median) | min / max | seconds (median) | CPU s (median) |"
                        + " results | latency p50 / p99 (ms) | state (checkpointed) | refused |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        Double weirTwo = null;
        for (int n : viewCounts) {
            Double m = row(outcomes, "weir", n);
            if (n == 2) {
                weirTwo = m;
            }
        }
        Double sqlTwo = sql ? row(outcomes, "sql", 2) : null;
        if (weirTwo != null && sqlTwo != null) {
            System.out.printf(
                    Locale.ROOT,
                    "%nthroughput ratio Weir / SQL (the same two views, medians): %.2fx%n",
                    weirTwo / sqlTwo);
            compareAverages(outcomes);
        }
    }

    /** Prints one configuration's row; returns its median samples per second. */
    private static Double row(List<BenchRun.Outcome> outcomes, String kind, int views) {
        List<BenchRun.Outcome> runs =
                outcomes.stream().filter(o -> o.kind().equals(kind) && o.views() == views).toList();
        if (runs.isEmpty()) {
            return null;
        }
        List<Double> rates = runs.stream().map(BenchRun.Outcome::samplesPerSecond).toList();
        List<Double> p50 = new ArrayList<>();
        List<Double> p99 = new ArrayList<>();
        for (BenchRun.Outcome o : runs) {
            if (!o.latenciesMillis().isEmpty()) {
                p50.add(percentile(o.latenciesMillis(), 0.5));
                p99.add(percentile(o.latenciesMillis(), 0.99));
            }
        }
        double median = percentile(rates, 0.5);
        BenchRun.Outcome last = runs.get(runs.size() - 1);
        System.out.printf(
                Locale.ROOT,
                "| %s | %d | %d | %.0f | %.0f / %.0f | %.2f | %.1f | %d | %.0f / %.0f | %s (%s) | %s |%n",
                kind,
                views,
                runs.size(),
                median,
                Collections.min(rates),
                Collections.max(rates),
                percentile(runs.stream().map(BenchRun.Outcome::seconds).toList(), 0.5),
                percentile(runs.stream().map(BenchRun.Outcome::cpuSeconds).toList(), 0.5),
                last.results(),
                p50.isEmpty() ? Double.NaN : percentile(p50, 0.5),
                p99.isEmpty() ? Double.NaN : percentile(p99, 0.5),
                bytes(
                        (long)
                                percentile(
                                        runs.stream().map(o -> (double) o.stateBytes()).toList(),
                                        0.5)),
                bytes(
                        (long)
                                percentile(
                                        runs.stream()
                                                .map(o -> (double) o.checkpointedBytes())
                                                .toList(),
                                        0.5)),
                last.refused().size() + " of " + views);
        return median;
    }

    /** The avg_over_time view computed by both jobs: equal values where both have a step. */
    private static void compareAverages(List<BenchRun.Outcome> outcomes) {
        Map<String, Double> weir = null;
        Map<String, Double> sql = null;
        for (BenchRun.Outcome o : outcomes) {
            if (o.kind().equals("weir") && o.views() >= 2) {
                weir = o.avgView();
            } else if (o.kind().equals("sql")) {
                sql = o.avgView();
            }
        }
        if (weir == null || sql == null) {
            return;
        }
        int common = 0;
        int equal = 0;
        for (Map.Entry<String, Double> e : weir.entrySet()) {
            Double other = sql.get(e.getKey());
            if (other != null) {
                common++;
                double a = e.getValue();
                if (Math.abs(a - other) <= 1e-9 * Math.max(Math.abs(a), Math.abs(other))) {
                    equal++;
                }
            }
        }
        System.out.printf(
                "avg_over_time: Weir %d points, SQL %d, %d in both, %d of them equal%n",
                weir.size(), sql.size(), common, equal);
    }

    static double percentile(List<Double> values, double q) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int i = (int) Math.ceil(q * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }

    static String bytes(long n) {
        if (n < 0) {
            return "n/a";
        }
        if (n < 1 << 20) {
            return String.format(Locale.ROOT, "%.1f KB", n / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MB", n / 1048576.0);
    }
}
