package io.weir.job;

import io.weir.promql.model.Labels;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;

/**
 * The series stage's buffer: the recent samples of every series of the current key (a series hash,
 * so nearly always one series) in one state value, with the series' timer bookkeeping. A sample
 * costs one read and one write of that value, and a timer one read (and one write when samples fall
 * out), where separate states for samples, timers and the labels cost several reads, writes and
 * iterator seeks.
 *
 * <p>Layout: {@link #CLEANUP_HEADER} and the time of the key's cleanup timer ({@link
 * Contents#cleanupAt}), then per series: the length of the encoded labels ({@link
 * StepPoint#encode}, UTF-8) and their bytes, the fingerprint of the views the series last
 * registered timers for and the latest sample time whose steps are all registered ({@link
 * SeriesStage}), the number of samples, then per sample its time and its value's raw bits. Samples
 * are in ascending time order, one per time. Values written by earlier versions have no header
 * (they start with a series, whose label length is never negative): their key has no cleanup timer
 * yet.
 */
final class SeriesBuffer {
    /** Starts a value that begins with the key's cleanup time. */
    private static final int CLEANUP_HEADER = -1;

    private static final int SAMPLE_BYTES = 16;

    /** Big-endian longs in a byte array, as {@link ByteBuffer} writes them. */
    private static final VarHandle LONGS =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    /**
     * At most this many keys' values are kept in memory: about a kilobyte each for a series scraped
     * every 15 s and kept 10 minutes.
     */
    private static final int RECENT = 20_000;

    /** {@link #recent}'s value for a key without a stored value. */
    private static final byte[] NONE = new byte[0];

    private final ValueState<byte[]> state;

    /**
     * The stored value of keys read or written lately, by key (write-through: every write goes to
     * the state and here, so an entry is what the state holds). A sample then costs a state write
     * but no read: the read is a lookup in the key-value store (the memtable's skip list, then the
     * files) through a native call, and was the largest part of a sample's work. Not part of any
     * checkpoint: a restored instance starts empty and reads the state.
     */
    private final LongCache<byte[]> recent = new LongCache<>(RECENT);

    SeriesBuffer(ValueState<byte[]> state) {
        this.state = state;
    }

    static ValueStateDescriptor<byte[]> descriptor(String name) {
        return new ValueStateDescriptor<>(
                name, PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO);
    }

    /**
     * One series' samples and timer bookkeeping, read from the state and changed in place. A series
     * read from the state keeps its samples as the stored bytes until something needs them as
     * arrays: a sample after the newest is noted beside them and older ones are skipped, so the
     * common case (a sample scraped after the last, one or none falling out) reads no sample and
     * writes them back with one copy.
     */
    static final class Series {
        private String labels;

        /** The labels' bytes; null while they are only in {@link #src}. */
        private byte[] labelBytes;

        /** The stored value the series was read from (null for a new series). */
        private final byte[] src;

        private final int labelAt;
        private final int labelLength;

        /** The fingerprint of the views the series last registered timers for; 0 for none. */
        long fingerprint;

        /**
         * The latest sample time whose steps are all registered (with the fingerprint), or {@link
         * Long#MIN_VALUE} before the series registered any.
         */
        long registeredUpTo = Long.MIN_VALUE;

        /** The samples as arrays; null while they are the stored bytes. */
        private long[] times;

        private double[] values;
        private int size;

        /**
         * Stored samples: {@code count} at {@code src[packedAt + 16 i]}, the first {@code skip}
         * dropped.
         */
        private int packedAt;

        private int count;
        private int skip;

        /** A sample after the stored ones, when {@link #appended}. */
        private boolean appended;

        private long appendedTime;
        private double appendedValue;

        /** A new series (for a sample whose labels the key does not hold yet). */
        private Series(String labels, byte[] labelBytes, int capacity) {
            this.labels = labels;
            this.labelBytes = labelBytes;
            this.src = null;
            this.labelAt = 0;
            this.labelLength = labelBytes.length;
            this.times = new long[capacity];
            this.values = new double[capacity];
        }

        /** A series read from {@code src}: its labels and {@code count} samples at the offsets. */
        private Series(byte[] src, int labelAt, int labelLength, int packedAt, int count) {
            this.src = src;
            this.labelAt = labelAt;
            this.labelLength = labelLength;
            this.packedAt = packedAt;
            this.count = count;
        }

        /** A series holding the samples given (for tests and one-off uses). */
        static Series of(Labels labels, long[] times, double[] values) {
            String encoded = StepPoint.encode(labels);
            Series s = new Series(encoded, encoded.getBytes(StandardCharsets.UTF_8), times.length);
            for (int i = 0; i < times.length; i++) {
                s.insert(times[i], values[i]);
            }
            return s;
        }

        /** The series' labels as {@link StepPoint#encode} writes them. */
        String labels() {
            if (labels == null) {
                labels =
                        labelBytes != null
                                ? new String(labelBytes, StandardCharsets.UTF_8)
                                : new String(src, labelAt, labelLength, StandardCharsets.UTF_8);
            }
            return labels;
        }

        /** {@link #labels} in UTF-8 (not to be changed). */
        byte[] labelBytes() {
            if (labelBytes == null) {
                labelBytes = Arrays.copyOfRange(src, labelAt, labelAt + labelLength);
            }
            return labelBytes;
        }

        /** Whether the series' labels are {@code bytes} ({@link #labelBytes}). */
        boolean hasLabels(byte[] bytes) {
            if (labelBytes != null) {
                return Arrays.equals(labelBytes, bytes);
            }
            return Arrays.equals(src, labelAt, labelAt + labelLength, bytes, 0, bytes.length);
        }

        int size() {
            return times != null ? size : count - skip + (appended ? 1 : 0);
        }

        long time(int i) {
            if (times != null) {
                return times[i];
            }
            return i < count - skip ? packedTime(skip + i) : appendedTime;
        }

        double value(int i) {
            if (times != null) {
                return values[i];
            }
            return i < count - skip
                    ? Double.longBitsToDouble(
                            (long) LONGS.get(src, packedAt + (skip + i) * SAMPLE_BYTES + 8))
                    : appendedValue;
        }

        /** The times, in the first {@link #size} places (not a copy: not to be changed). */
        long[] rawTimes() {
            unpack();
            return times;
        }

        /** The values, in the first {@link #size} places (not a copy: not to be changed). */
        double[] rawValues() {
            unpack();
            return values;
        }

        /** Adds a sample in time order; one at a time already buffered replaces it. */
        void insert(long t, double v) {
            if (times == null) {
                int n = size();
                if (!appended && (n == 0 || t > time(n - 1))) {
                    appended = true;
                    appendedTime = t;
                    appendedValue = v;
                    return;
                }
                unpack();
            }
            if (size == 0 || t > times[size - 1]) {
                ensure(size + 1);
                times[size] = t;
                values[size] = v;
                size++;
                return;
            }
            int i = Arrays.binarySearch(times, 0, size, t);
            if (i >= 0) {
                values[i] = v;
                return;
            }
            int at = -i - 1;
            ensure(size + 1);
            System.arraycopy(times, at, times, at + 1, size - at);
            System.arraycopy(values, at, values, at + 1, size - at);
            times[at] = t;
            values[at] = v;
            size++;
        }

        /**
         * Drops the samples at or before {@code cutoff}.
         *
         * @return whether any were dropped
         */
        boolean evict(long cutoff) {
            if (times == null) {
                int lo = skip;
                int hi = count;
                while (lo < hi) {
                    int mid = (lo + hi) >>> 1;
                    if (packedTime(mid) <= cutoff) {
                        lo = mid + 1;
                    } else {
                        hi = mid;
                    }
                }
                boolean dropped = lo > skip;
                skip = lo;
                // The appended sample is after every stored one.
                if (skip == count && appended && appendedTime <= cutoff) {
                    appended = false;
                    dropped = true;
                }
                return dropped;
            }
            int from = upperBound(times, size, cutoff);
            if (from == 0) {
                return false;
            }
            System.arraycopy(times, from, times, 0, size - from);
            System.arraycopy(values, from, values, 0, size - from);
            size -= from;
            return true;
        }

        private long packedTime(int i) {
            return (long) LONGS.get(src, packedAt + i * SAMPLE_BYTES);
        }

        /** Turns the stored samples into arrays (room for one more: most loads add a sample). */
        private void unpack() {
            if (times != null) {
                return;
            }
            int n = size();
            long[] ts = new long[n + 1];
            double[] vs = new double[n + 1];
            for (int i = 0; i < n; i++) {
                ts[i] = time(i);
                vs[i] = value(i);
            }
            times = ts;
            values = vs;
            size = n;
        }

        private void ensure(int capacity) {
            if (capacity > times.length) {
                int n = Math.max(capacity, times.length * 2);
                times = Arrays.copyOf(times, n);
                values = Arrays.copyOf(values, n);
            }
        }

        private int bytes() {
            return 4 + labelLength + 8 + 8 + 4 + size() * SAMPLE_BYTES;
        }

        private void write(ByteBuffer buf) {
            buf.putInt(labelLength);
            if (labelBytes != null) {
                buf.put(labelBytes);
            } else {
                buf.put(src, labelAt, labelLength);
            }
            buf.putLong(fingerprint);
            buf.putLong(registeredUpTo);
            buf.putInt(size());
            if (times == null) {
                buf.put(src, packedAt + skip * SAMPLE_BYTES, (count - skip) * SAMPLE_BYTES);
                if (appended) {
                    buf.putLong(appendedTime);
                    buf.putLong(Double.doubleToRawLongBits(appendedValue));
                }
                return;
            }
            for (int i = 0; i < size; i++) {
                buf.putLong(times[i]);
                buf.putLong(Double.doubleToRawLongBits(values[i]));
            }
        }
    }

    /** The series of one key, and the time of the key's cleanup timer. */
    static final class Contents {
        /** The key's series (nearly always one). */
        final List<Series> series;

        /**
         * The time of the cleanup timer the key registered ({@link SeriesStage}), or {@link
         * Long#MIN_VALUE} when it registered none.
         */
        long cleanupAt = Long.MIN_VALUE;

        private Contents(List<Series> series) {
            this.series = series;
        }

        /** Whether no series of the key holds a sample. */
        boolean isEmpty() {
            for (Series s : series) {
                if (s.size() > 0) {
                    return false;
                }
            }
            return true;
        }

        /** The time of the key's newest sample; {@link Long#MIN_VALUE} when it has none. */
        long newest() {
            long t = Long.MIN_VALUE;
            for (Series s : series) {
                int n = s.size();
                if (n > 0) {
                    t = Math.max(t, s.time(n - 1));
                }
            }
            return t;
        }

        /**
         * The series whose labels are {@code bytes} ({@link StepPoint#encode} in UTF-8), added when
         * missing.
         */
        Series find(byte[] bytes) {
            for (Series s : series) {
                if (s.hasLabels(bytes)) {
                    return s;
                }
            }
            Series s = new Series(null, bytes, 1);
            series.add(s);
            return s;
        }
    }

    /** The series of the current key {@code key}, as stored (none when the key has no samples). */
    Contents load(long key) throws Exception {
        byte[] b = recent.get(key);
        if (b == null) {
            b = state.value();
            recent.put(key, b == null ? NONE : b);
        }
        Contents out = new Contents(new ArrayList<>(1));
        if (b == null || b.length == 0) {
            return out;
        }
        ByteBuffer buf = ByteBuffer.wrap(b);
        if (buf.getInt(0) == CLEANUP_HEADER) {
            buf.getInt();
            out.cleanupAt = buf.getLong();
        }
        while (buf.hasRemaining()) {
            int labelLength = buf.getInt();
            int labelAt = buf.position();
            buf.position(labelAt + labelLength);
            long fingerprint = buf.getLong();
            long upTo = buf.getLong();
            int n = buf.getInt();
            Series s = new Series(b, labelAt, labelLength, buf.position(), n);
            s.fingerprint = fingerprint;
            s.registeredUpTo = upTo;
            buf.position(buf.position() + n * SAMPLE_BYTES);
            out.series.add(s);
        }
        return out;
    }

    /**
     * Writes the current key's series back; series without samples are left out, and a key left
     * without samples has no value.
     */
    void store(long key, Contents contents) throws Exception {
        int total = 0;
        for (Series s : contents.series) {
            if (s.size() > 0) {
                total += s.bytes();
            }
        }
        if (total == 0) {
            clear(key);
            return;
        }
        ByteBuffer buf = ByteBuffer.allocate(4 + 8 + total);
        buf.putInt(CLEANUP_HEADER);
        buf.putLong(contents.cleanupAt);
        for (Series s : contents.series) {
            if (s.size() > 0) {
                s.write(buf);
            }
        }
        state.update(buf.array());
        recent.put(key, buf.array());
    }

    /** Removes the value of the current key {@code key}. */
    void clear(long key) {
        state.clear();
        recent.put(key, NONE);
    }

    /** The first index below {@code size} whose time is after {@code t}. */
    static int upperBound(long[] ts, int size, long t) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (ts[mid] <= t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
