package io.weir.promql.model;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.ObjDoubleConsumer;

/**
 * {@link GoFloatFormat#appendF} (on {@link ShortestDecimal}) against the exact BigDecimal search it
 * replaced ({@link ExactShortest}), side by side in one JVM, on what query answers hold: a million
 * random-walk doubles, a million rates {@code n/300} and a million whole numbers. Each round
 * formats every set with both, alternating; the medians and the fastest round are printed in
 * nanoseconds per value. Not a test (surefire runs {@code *Test} classes only); run its {@code
 * main} with the module's test class path (BENCHMARKS.md).
 */
public final class GoFloatFormatBenchmark {
    private static final int VALUES = 1_000_000;

    private GoFloatFormatBenchmark() {}

    public static void main(String[] args) {
        int rounds = Integer.getInteger("bench.rounds", 7);
        SplittableRandom r = new SplittableRandom(4);
        double[] walk = new double[VALUES];
        double x = 1000;
        for (int i = 0; i < VALUES; i++) {
            x += r.nextDouble() - 0.5;
            walk[i] = x;
        }
        double[] rates = new double[VALUES];
        for (int i = 0; i < VALUES; i++) {
            rates[i] = r.nextInt(100_000) / 300.0;
        }
        double[] whole = new double[VALUES];
        for (int i = 0; i < VALUES; i++) {
            whole[i] = r.nextInt(10_000_000);
        }
        String[] names = {"random walk", "rates n/300", "whole numbers"};
        double[][] sets = {walk, rates, whole};
        double[][] before = new double[sets.length][rounds];
        double[][] after = new double[sets.length][rounds];
        System.out.printf(Locale.ROOT, "load average at start: %s%n", loadAverage());
        // One untimed round first for the JIT.
        for (int s = 0; s < sets.length; s++) {
            perValue(sets[s], ExactShortest::appendF);
            perValue(sets[s], GoFloatFormat::appendF);
        }
        for (int round = 0; round < rounds; round++) {
            for (int s = 0; s < sets.length; s++) {
                before[s][round] = perValue(sets[s], ExactShortest::appendF);
                after[s][round] = perValue(sets[s], GoFloatFormat::appendF);
            }
        }
        System.out.printf(
                Locale.ROOT,
                "%-14s %22s %22s %8s%n",
                "values (1 M)",
                "exact search ns/value",
                "ShortestDecimal ns/v",
                "speed-up");
        for (int s = 0; s < sets.length; s++) {
            double b = median(before[s]);
            double a = median(after[s]);
            System.out.printf(
                    Locale.ROOT,
                    "%-14s %12.1f (min %5.0f) %12.1f (min %5.0f) %7.1fx%n",
                    names[s],
                    b,
                    min(before[s]),
                    a,
                    min(after[s]),
                    b / a);
        }
        System.out.printf(
                Locale.ROOT,
                "%d rounds, medians; load average at end: %s%n",
                rounds,
                loadAverage());
    }

    /** Nanoseconds per value to append every value to a builder, cleared every 1,000 values. */
    private static double perValue(double[] values, ObjDoubleConsumer<StringBuilder> append) {
        StringBuilder sb = new StringBuilder(32_768);
        long chars = 0;
        long t0 = System.nanoTime();
        for (int i = 0; i < values.length; i++) {
            append.accept(sb, values[i]);
            if (i % 1000 == 999) {
                chars += sb.length();
                sb.setLength(0);
            }
        }
        long elapsed = System.nanoTime() - t0;
        if (chars + sb.length() == 0) {
            throw new AssertionError("nothing formatted");
        }
        return (double) elapsed / values.length;
    }

    private static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static double min(double[] xs) {
        return Arrays.stream(xs).min().orElseThrow();
    }

    private static String loadAverage() {
        return String.format(
                Locale.ROOT,
                "%.2f",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
}
