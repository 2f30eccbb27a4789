package io.weir.server.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Cuts a Prometheus text or OpenMetrics exposition into chunks of whole lines that each parse on
 * their own: the {@code # TYPE}, {@code # UNIT} and {@code # HELP} lines of the metric family a
 * chunk starts in are repeated at its top (a histogram's {@code le} values are read by its type),
 * and in OpenMetrics every chunk ends with {@code # EOF}.
 */
public final class ExpositionChunker {
    private static final byte[] EOF_LINE = "# EOF\n".getBytes(StandardCharsets.US_ASCII);

    /**
     * One chunk: {@code bytes()[0, length())}, input lines {@code firstLine()} (1-based) on, {@code
     * lines()} of them, {@code inputBytes()} of the input.
     */
    public static final class Chunk {
        private final byte[] bytes;
        private final long firstLine;
        private final long lines;
        private final long inputBytes;

        Chunk(byte[] bytes, long firstLine, long lines, long inputBytes) {
            this.bytes = bytes;
            this.firstLine = firstLine;
            this.lines = lines;
            this.inputBytes = inputBytes;
        }

        public byte[] bytes() {
            return bytes;
        }

        public int length() {
            return bytes.length;
        }

        public long firstLine() {
            return firstLine;
        }

        public long lines() {
            return lines;
        }

        public long inputBytes() {
            return inputBytes;
        }
    }

    private final InputStream in;
    private final boolean openMetrics;
    private final int maxLines;
    private final byte[] buffer = new byte[1 << 16];
    private int pos;
    private int limit;
    private boolean eof;
    private long nextLine = 1;
    private final ByteArrayOutputStream chunk = new ByteArrayOutputStream(1 << 20);
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);

    /** The metadata lines of the current family, repeated at the top of the next chunk. */
    private String family = "";

    private byte[] typeLine;
    private byte[] unitLine;
    private byte[] helpLine;

    public ExpositionChunker(InputStream in, boolean openMetrics, int maxLines) {
        if (maxLines < 1) {
            throw new IllegalArgumentException("maxLines must be positive");
        }
        this.in = in;
        this.openMetrics = openMetrics;
        this.maxLines = maxLines;
    }

    /** The next chunk, or null at the end of the input. */
    public Chunk next() throws IOException {
        chunk.reset();
        long first = nextLine;
        long lines = 0;
        long consumed = 0;
        boolean samples = false;
        while (lines < maxLines) {
            int n = readLine();
            if (n < 0) {
                break;
            }
            consumed += n;
            lines++;
            nextLine++;
            byte[] l = line.toByteArray();
            if (isComment(l)) {
                if (openMetrics && trimmed(l).equals("# EOF")) {
                    continue;
                }
                metadata(l);
            } else if (!samples && !isBlank(l)) {
                samples = true;
                writeCarriedMetadata(l);
            }
            chunk.write(l);
            if (l.length == 0 || l[l.length - 1] != '\n') {
                chunk.write('\n');
            }
        }
        if (lines == 0) {
            return null;
        }
        if (openMetrics) {
            chunk.write(EOF_LINE);
        }
        return new Chunk(chunk.toByteArray(), first, lines, consumed);
    }

    /**
     * Before a chunk's first sample: the family's metadata, unless the chunk already started with
     * it (the sample's family is that of the last metadata seen).
     */
    private void writeCarriedMetadata(byte[] sample) throws IOException {
        if (chunk.size() > 0 || family.isEmpty() || !startsWithFamily(sample)) {
            return;
        }
        for (byte[] m : new byte[][] {helpLine, typeLine, unitLine}) {
            if (m != null) {
                chunk.write(m);
            }
        }
    }

    private boolean startsWithFamily(byte[] sample) {
        String s = new String(sample, StandardCharsets.UTF_8).stripLeading();
        if (!s.startsWith(family)) {
            return false;
        }
        // The family name, then labels, a space, or a suffix such as _bucket or _total.
        if (s.length() == family.length()) {
            return true;
        }
        char c = s.charAt(family.length());
        return c == '{' || c == ' ' || c == '\t' || c == '_';
    }

    private void metadata(byte[] l) {
        String s = trimmed(l);
        String[] kinds = {"# TYPE ", "# HELP ", "# UNIT "};
        for (String kind : kinds) {
            if (s.startsWith(kind)) {
                String rest = s.substring(kind.length());
                int space = rest.indexOf(' ');
                String name = space < 0 ? rest : rest.substring(0, space);
                if (!name.equals(family)) {
                    family = name;
                    typeLine = null;
                    unitLine = null;
                    helpLine = null;
                }
                byte[] copy = Arrays.copyOf(l, l.length);
                if (copy.length == 0 || copy[copy.length - 1] != '\n') {
                    copy = Arrays.copyOf(copy, copy.length + 1);
                    copy[copy.length - 1] = '\n';
                }
                switch (kind) {
                    case "# TYPE " -> typeLine = copy;
                    case "# HELP " -> helpLine = copy;
                    default -> unitLine = copy;
                }
            }
        }
    }

    /** Reads one line with its '\n' into {@code line}; returns its length in bytes, -1 at end. */
    private int readLine() throws IOException {
        line.reset();
        while (true) {
            if (pos == limit) {
                if (eof) {
                    return line.size() == 0 ? -1 : line.size();
                }
                limit = in.read(buffer);
                pos = 0;
                if (limit <= 0) {
                    limit = 0;
                    eof = true;
                    continue;
                }
            }
            int start = pos;
            while (pos < limit && buffer[pos] != '\n') {
                pos++;
            }
            if (pos < limit) {
                pos++;
                line.write(buffer, start, pos - start);
                return line.size();
            }
            line.write(buffer, start, pos - start);
        }
    }

    private static boolean isComment(byte[] l) {
        int i = 0;
        while (i < l.length && (l[i] == ' ' || l[i] == '\t')) {
            i++;
        }
        return i < l.length && l[i] == '#';
    }

    private static boolean isBlank(byte[] l) {
        for (byte b : l) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }

    private static String trimmed(byte[] l) {
        return new String(l, StandardCharsets.UTF_8).strip();
    }
}
