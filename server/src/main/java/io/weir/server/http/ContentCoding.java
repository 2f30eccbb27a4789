package io.weir.server.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The content coding of an answer, chosen from the request's {@code Accept-Encoding} as Prometheus
 * chooses it: the first of {@code gzip} and {@code deflate} the client lists, else none. Grafana
 * and promtool (Go's HTTP client) ask for gzip on every request; a dashboard's JSON shrinks about
 * ten times. A coding given {@code q=0} is refused by the client and never chosen.
 */
enum ContentCoding {
    IDENTITY(null),
    GZIP("gzip"),
    DEFLATE("deflate");

    /** The value of {@code Content-Encoding}, or null for none. */
    final String header;

    ContentCoding(String header) {
        this.header = header;
    }

    static ContentCoding accepted(String acceptEncoding) {
        if (acceptEncoding == null) {
            return IDENTITY;
        }
        for (String item : acceptEncoding.split(",", -1)) {
            String[] parts = item.split(";", -1);
            String coding = parts[0].trim().toLowerCase(Locale.ROOT);
            if (!coding.equals("gzip") && !coding.equals("deflate")) {
                continue;
            }
            if (refused(parts)) {
                continue;
            }
            return coding.equals("gzip") ? GZIP : DEFLATE;
        }
        return IDENTITY;
    }

    /** Whether the parameters after the coding give it a quality of zero. */
    private static boolean refused(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].trim();
            if (p.length() > 2
                    && (p.charAt(0) == 'q' || p.charAt(0) == 'Q')
                    && p.charAt(1) == '=') {
                try {
                    return Double.parseDouble(p.substring(2).trim()) == 0;
                } catch (NumberFormatException e) {
                    return false;
                }
            }
        }
        return false;
    }

    /**
     * The body in this coding, compressed at the fastest level: every answer is compressed anew, on
     * the request's thread.
     */
    byte[] encode(byte[] body) {
        if (this == IDENTITY) {
            return body;
        }
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(Math.max(64, body.length / 6));
        try (DeflaterOutputStream out =
                this == GZIP ? new FastGzip(buffer) : new FastDeflate(buffer)) {
            out.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return buffer.toByteArray();
    }

    /** gzip at the fastest level (the JDK's stream takes the default level). */
    private static final class FastGzip extends GZIPOutputStream {
        FastGzip(ByteArrayOutputStream out) throws IOException {
            super(out, 8192);
            def.setLevel(Deflater.BEST_SPEED);
        }
    }

    /** HTTP's {@code deflate}: the zlib format, at the fastest level. */
    private static final class FastDeflate extends DeflaterOutputStream {
        FastDeflate(ByteArrayOutputStream out) {
            super(out, new Deflater(Deflater.BEST_SPEED), 8192);
        }

        @Override
        public void close() throws IOException {
            try {
                super.close();
            } finally {
                def.end(); // a deflater given to the stream is not ended by it
            }
        }
    }
}
