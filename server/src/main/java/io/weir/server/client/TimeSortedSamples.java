package io.weir.server.client;

import io.weir.connectors.text.ExpositionException;
import io.weir.connectors.text.ExpositionFormat;
import io.weir.connectors.text.ExpositionParser;
import io.weir.promql.model.Labels;
import io.weir.server.api.TimeOrder;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The samples of an exposition, read once and given back in time order, with bounded memory: an
 * external merge sort. Samples are collected into runs of at most {@code runSamples}; a full run is
 * sorted by time and spilled to a temporary file (20 bytes a sample); at the end the runs are
 * merged. An input that fits in one run is never spilled. The series' label sets are held in memory
 * once each.
 *
 * <p>The order is stable: samples of one time keep the order they were read in. Imports need it
 * because the job's watermark trails the newest sample time of a Kafka partition by a few seconds:
 * a file written series by series, sent as read, would get most of its samples dropped as late.
 */
public final class TimeSortedSamples implements AutoCloseable {
    /** Samples per run by default: about 40 MB of heap while reading. */
    public static final int DEFAULT_RUN_SAMPLES = 1 << 21;

    private static final int RECORD_BYTES = 20;

    private final Path spillDir;
    private final int runSamples;
    private final Map<Labels, Integer> ids = new HashMap<>();
    private final List<Labels> series = new ArrayList<>();
    private final List<Path> runs = new ArrayList<>();
    private int[] seriesIds;
    private long[] times;
    private long[] bits;
    private int size;
    private long total;
    private int[] order;

    private TimeSortedSamples(Path spillDir, int runSamples) {
        if (runSamples < 1) {
            throw new IllegalArgumentException("runSamples must be positive");
        }
        this.spillDir = spillDir;
        this.runSamples = runSamples;
        int first = Math.min(runSamples, 1 << 12);
        this.seriesIds = new int[first];
        this.times = new long[first];
        this.bits = new long[first];
    }

    /**
     * Reads an exposition to its end (it is not closed).
     *
     * @param source the name of the input in error messages
     * @param spillDir where runs are spilled (deleted again by {@link #close()})
     * @throws ExpositionException when any line is bad, after the whole input was read (nothing is
     *     kept then)
     */
    public static TimeSortedSamples read(
            InputStream in, ExpositionFormat format, String source, Path spillDir, int runSamples)
            throws IOException {
        TimeSortedSamples s = new TimeSortedSamples(spillDir, runSamples);
        try {
            new ExpositionParser(format, source).parse(in, s::add);
            s.finishReading();
            return s;
        } catch (UncheckedIOException e) {
            s.close();
            throw e.getCause();
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /** How many samples were read. */
    public long size() {
        return total;
    }

    /** How many runs were spilled to disk (0 when everything fit in memory). */
    public int spilledRuns() {
        return runs.size();
    }

    private void add(Labels labels, long t, double v) {
        Integer id = ids.get(labels);
        if (id == null) {
            id = series.size();
            series.add(labels);
            ids.put(labels, id);
        }
        if (size == runSamples) {
            try {
                spill();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (size == times.length) {
            int n = (int) Math.min(runSamples, 2L * size);
            seriesIds = Arrays.copyOf(seriesIds, n);
            times = Arrays.copyOf(times, n);
            bits = Arrays.copyOf(bits, n);
        }
        seriesIds[size] = id;
        times[size] = t;
        bits[size] = Double.doubleToRawLongBits(v);
        size++;
        total++;
    }

    private void spill() throws IOException {
        int[] sorted = TimeOrder.stableOrder(times, size);
        Path run = Files.createTempFile(spillDir, "weir-import-", ".run");
        runs.add(run);
        try (DataOutputStream out =
                new DataOutputStream(
                        new BufferedOutputStream(Files.newOutputStream(run), 1 << 16))) {
            for (int i : sorted) {
                out.writeInt(seriesIds[i]);
                out.writeLong(times[i]);
                out.writeLong(bits[i]);
            }
        }
        size = 0;
    }

    private void finishReading() throws IOException {
        if (runs.isEmpty()) {
            order = TimeOrder.stableOrder(times, size);
        } else if (size > 0) {
            spill();
        }
    }

    /** A fresh pass over the samples in time order. */
    public Cursor cursor() throws IOException {
        return runs.isEmpty() ? new MemoryCursor() : new MergeCursor();
    }

    /** Samples one at a time: {@link #next()}, then the current sample's fields. */
    public abstract static class Cursor implements AutoCloseable {
        protected Labels labels;
        protected long time;
        protected double value;

        /** Moves to the next sample; false at the end. */
        public abstract boolean next() throws IOException;

        public Labels labels() {
            return labels;
        }

        public long time() {
            return time;
        }

        public double value() {
            return value;
        }

        @Override
        public void close() throws IOException {}
    }

    private final class MemoryCursor extends Cursor {
        private int i;

        @Override
        public boolean next() {
            if (i == size) {
                return false;
            }
            int k = order[i++];
            labels = series.get(seriesIds[k]);
            time = times[k];
            value = Double.longBitsToDouble(bits[k]);
            return true;
        }
    }

    /** One spilled run being read: its current sample. */
    private static final class Run {
        final int index;
        final DataInputStream in;
        long remaining;
        int seriesId;
        long time;
        long bits;

        Run(int index, Path file) throws IOException {
            this.index = index;
            this.in =
                    new DataInputStream(
                            new BufferedInputStream(Files.newInputStream(file), 1 << 16));
            this.remaining = Files.size(file) / RECORD_BYTES;
        }

        boolean advance() throws IOException {
            if (remaining == 0) {
                return false;
            }
            remaining--;
            seriesId = in.readInt();
            time = in.readLong();
            bits = in.readLong();
            return true;
        }
    }

    /** A k-way merge of the runs; of equal times the earlier run's sample comes first (stable). */
    private final class MergeCursor extends Cursor {
        private final PriorityQueue<Run> heads =
                new PriorityQueue<>(
                        (a, b) ->
                                a.time != b.time
                                        ? Long.compare(a.time, b.time)
                                        : Integer.compare(a.index, b.index));
        private final List<Run> open = new ArrayList<>();

        MergeCursor() throws IOException {
            try {
                for (int i = 0; i < runs.size(); i++) {
                    Run r = new Run(i, runs.get(i));
                    open.add(r);
                    if (r.advance()) {
                        heads.add(r);
                    }
                }
            } catch (IOException e) {
                close();
                throw e;
            }
        }

        @Override
        public boolean next() throws IOException {
            Run r = heads.poll();
            if (r == null) {
                return false;
            }
            labels = series.get(r.seriesId);
            time = r.time;
            value = Double.longBitsToDouble(r.bits);
            if (r.advance()) {
                heads.add(r);
            }
            return true;
        }

        @Override
        public void close() throws IOException {
            IOException first = null;
            for (Run r : open) {
                try {
                    r.in.close();
                } catch (IOException e) {
                    first = first == null ? e : first;
                }
            }
            if (first != null) {
                throw first;
            }
        }
    }

    /** Deletes the spilled runs. */
    @Override
    public void close() throws IOException {
        IOException first = null;
        for (Path run : runs) {
            try {
                Files.deleteIfExists(run);
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        runs.clear();
        if (first != null) {
            throw first;
        }
    }
}
