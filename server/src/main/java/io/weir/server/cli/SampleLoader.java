package io.weir.server.cli;

import io.weir.connectors.text.ExpositionParser;
import io.weir.connectors.text.SampleSink;
import io.weir.promql.eval.MemorySampleStore;
import io.weir.promql.model.Labels;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * Loads an exposition into a {@link MemorySampleStore}, reporting progress on a writer (stderr)
 * every two seconds when the load is long.
 */
final class SampleLoader {
    private static final long PROGRESS_EVERY_NANOS = 2_000_000_000L;

    /** What was loaded: the store, the sample count and the time span of the samples. */
    record Loaded(
            MemorySampleStore store,
            long samples,
            long minTimestampMillis,
            long maxTimestampMillis,
            long elapsedNanos) {}

    private SampleLoader() {}

    /**
     * @param size the input's size in bytes for percentages, or -1 when unknown
     * @param progress where progress lines go, or null for none
     */
    static Loaded load(
            InputStream in, long size, ExpositionParser parser, PrintWriter progress, String name)
            throws IOException {
        MemorySampleStore store = new MemorySampleStore();
        CountingStream counting = new CountingStream(in);
        Sink sink = new Sink(store, counting, size, progress, name);
        long samples = parser.parse(counting, sink);
        long elapsed = System.nanoTime() - sink.started;
        if (progress != null && sink.reported) {
            progress.printf(
                    Locale.ROOT,
                    "weir: loaded %,d samples from %s in %.1f s%n",
                    samples,
                    name,
                    elapsed / 1e9);
            progress.flush();
        }
        return new Loaded(store, samples, sink.minT, sink.maxT, elapsed);
    }

    private static final class Sink implements SampleSink {
        private final MemorySampleStore store;
        private final CountingStream counting;
        private final long size;
        private final PrintWriter progress;
        private final String name;
        final long started = System.nanoTime();
        private long lastReport = started;
        private long count;
        boolean reported;
        long minT = Long.MAX_VALUE;
        long maxT = Long.MIN_VALUE;

        Sink(
                MemorySampleStore store,
                CountingStream counting,
                long size,
                PrintWriter progress,
                String name) {
            this.store = store;
            this.counting = counting;
            this.size = size;
            this.progress = progress;
            this.name = name;
        }

        @Override
        public void accept(Labels series, long timestampMillis, double value) {
            store.append(series, timestampMillis, value);
            minT = Math.min(minT, timestampMillis);
            maxT = Math.max(maxT, timestampMillis);
            if ((++count & 0xffff) == 0 && progress != null) {
                long now = System.nanoTime();
                if (now - lastReport >= PROGRESS_EVERY_NANOS) {
                    lastReport = now;
                    reported = true;
                    if (size > 0) {
                        progress.printf(
                                Locale.ROOT,
                                "weir: loading %s: %,d samples (%d%%)%n",
                                name,
                                count,
                                Math.min(100, counting.count * 100 / size));
                    } else {
                        progress.printf(
                                Locale.ROOT, "weir: loading %s: %,d samples%n", name, count);
                    }
                    progress.flush();
                }
            }
        }
    }

    /** Counts the bytes read, for the percentage in progress lines. */
    private static final class CountingStream extends FilterInputStream {
        long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int c = super.read();
            if (c >= 0) {
                count++;
            }
            return c;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
