package io.weir.server.bench;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;

/**
 * Wall times of repeated runs of one thing, reported as percentiles, with the CPU time the whole
 * process spent meanwhile (all its threads, the collector's included): on a machine shared with
 * other work, wall times say what a user waits, CPU times what the work costs.
 */
final class Timings {
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private final String what;
    private final long[] nanos;
    private final long[] cpu;
    private int n;

    Timings(String what, int rounds) {
        this.what = what;
        this.nanos = new long[rounds];
        this.cpu = new long[rounds];
    }

    /** Runs {@code task} once and records how long it took. */
    void time(Task task) throws Exception {
        long c0 = OS.getProcessCpuTime();
        long t0 = System.nanoTime();
        task.run();
        nanos[n] = System.nanoTime() - t0;
        cpu[n++] = OS.getProcessCpuTime() - c0;
    }

    /** Runs {@code task} {@code warmups} times untimed, then records a run per round. */
    Timings measure(int warmups, Task task) throws Exception {
        for (int r = 0; r < warmups; r++) {
            task.run();
        }
        while (n < nanos.length) {
            time(task);
        }
        return this;
    }

    /** The wall time of the last run, in milliseconds. */
    double lastMillis() {
        return nanos[n - 1] / 1e6;
    }

    /** The q-quantile (nearest rank) in milliseconds. */
    double quantileMillis(double q) {
        return quantile(nanos, q);
    }

    private double quantile(long[] of, double q) {
        long[] sorted = Arrays.copyOf(of, n);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(q * n) - 1;
        return sorted[Math.max(0, Math.min(n - 1, rank))] / 1e6;
    }

    /** One line: p50, p99, min and max over the recorded runs. */
    String line() {
        return String.format(
                Locale.ROOT,
                "%-58s p50 %9.2f ms  p99 %9.2f ms  min %9.2f ms  max %9.2f ms  CPU p50 %9.2f"
                        + " ms  (%d runs)",
                what,
                quantileMillis(0.5),
                quantileMillis(0.99),
                quantileMillis(0),
                quantileMillis(1),
                quantile(cpu, 0.5),
                n);
    }

    void print() {
        if (n > 0) {
            System.out.println(line());
        }
    }

    @FunctionalInterface
    interface Task {
        void run() throws Exception;
    }
}
