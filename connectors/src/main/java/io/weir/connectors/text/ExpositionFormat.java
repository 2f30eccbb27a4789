package io.weir.connectors.text;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The two text formats of metric samples. They differ in the unit of the optional timestamp after a
 * value: milliseconds as an integer in the Prometheus text format, seconds (possibly fractional) in
 * OpenMetrics. An OpenMetrics exposition ends with the line {@code # EOF}; that marker is how
 * {@link #detect} tells them apart.
 */
public enum ExpositionFormat {
    /** Prometheus text format 0.0.4: timestamps are integer milliseconds. */
    PROMETHEUS,
    /**
     * OpenMetrics 1.0 text: timestamps are seconds, may be fractional; exemplars and {@code # UNIT}
     * allowed; the data must end with {@code # EOF}.
     */
    OPENMETRICS;

    private static final int TAIL_BYTES = 4096;

    /**
     * OpenMetrics when the file's last non-blank line is {@code # EOF}, else the Prometheus text
     * format.
     */
    public static ExpositionFormat detect(Path file) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            long size = f.length();
            int n = (int) Math.min(size, TAIL_BYTES);
            byte[] tail = new byte[n];
            f.seek(size - n);
            f.readFully(tail);
            return endsWithEof(tail, n) ? OPENMETRICS : PROMETHEUS;
        }
    }

    /** Like {@link #detect(Path)} for data in memory. */
    public static ExpositionFormat detect(byte[] data) {
        return endsWithEof(data, data.length) ? OPENMETRICS : PROMETHEUS;
    }

    private static boolean endsWithEof(byte[] b, int len) {
        int end = len;
        while (end > 0 && isBlank(b[end - 1])) {
            end--;
        }
        int start = end;
        while (start > 0 && b[start - 1] != '\n') {
            start--;
        }
        String last = new String(b, start, end - start, StandardCharsets.ISO_8859_1);
        return last.equals("# EOF");
    }

    private static boolean isBlank(byte c) {
        return c == '\n' || c == '\r' || c == ' ' || c == '\t';
    }
}
