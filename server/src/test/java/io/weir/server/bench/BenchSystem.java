package io.weir.server.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;

/** The machine's state next to the figures, and temporary directories. */
final class BenchSystem {
    private BenchSystem() {}

    /** The 1-, 5- and 15-minute load averages, or the 1-minute one where /proc is missing. */
    static String loadAverage() {
        try {
            // "0.52 0.58 0.59 1/467 12345": the first three fields.
            String line = Files.readString(Path.of("/proc/loadavg")).trim();
            int end = line.indexOf(' ', line.indexOf(' ', line.indexOf(' ') + 1) + 1);
            return end < 0 ? line : line.substring(0, end);
        } catch (IOException e) {
            return String.format(
                    Locale.ROOT,
                    "%.2f",
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    /** Bytes of the files under {@code dir}. */
    static long size(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            long total = 0;
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                total += Files.size(p);
            }
            return total;
        }
    }

    static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
