package io.weir.connectors.codec;

import io.weir.promql.model.Labels;

/**
 * The compact binary record of {@code weir.metrics}: key = the series hash ({@link
 * Labels#hash64()}, 8 bytes big-endian), value = one {@link SampleBatch}. Layout in {@code
 * connectors/FORMATS.md}: a version byte, the labels once, the timestamps as a zig-zag varint
 * followed by zig-zag varint deltas, and the values XOR-ed with their predecessor and stripped of
 * trailing zero bits, which keeps counters of whole numbers at two to four bytes a value while
 * every bit (a staleness marker's payload too) survives.
 */
public final class MetricBatchCodec {
    public static final int VERSION = 1;

    /** Bounds what a corrupt count can make the decoder allocate. */
    public static final int MAX_SAMPLES = 1 << 20;

    private static final int ALL_ZERO = 64;

    private MetricBatchCodec() {}

    public static byte[] encodeKey(Labels labels) {
        return encodeKey(labels.hash64());
    }

    public static byte[] encodeKey(long seriesHash) {
        ByteWriter w = new ByteWriter(8);
        w.writeLong(seriesHash);
        return w.toByteArray();
    }

    public static byte[] encodeValue(SampleBatch batch) {
        int n = batch.size();
        ByteWriter w = new ByteWriter(32 + n * 6);
        w.writeByte(VERSION);
        LabelsCodec.write(w, batch.labels());
        w.writeVarLong(n);
        long previousTime = 0;
        for (int i = 0; i < n; i++) {
            long t = batch.timestamp(i);
            w.writeSignedVarLong(t - previousTime);
            previousTime = t;
        }
        long previousBits = 0;
        for (int i = 0; i < n; i++) {
            long bits = Double.doubleToRawLongBits(batch.value(i));
            long x = bits ^ previousBits;
            previousBits = bits;
            int tz = Long.numberOfTrailingZeros(x);
            w.writeByte(tz);
            if (tz != ALL_ZERO) {
                w.writeVarLong(x >>> tz);
            }
        }
        return w.toByteArray();
    }

    /** Decodes a value, ignoring the key. */
    public static SampleBatch decodeValue(byte[] value) throws CorruptRecordException {
        if (value == null || value.length == 0) {
            throw new CorruptRecordException("empty record value");
        }
        ByteReader r = new ByteReader(value);
        int version = r.readByte();
        if (version != VERSION) {
            throw new CorruptRecordException(
                    "unsupported sample batch format version "
                            + version
                            + " (expected "
                            + VERSION
                            + ")");
        }
        Labels labels = LabelsCodec.read(r);
        // Every sample takes at least two bytes: a one-byte delta and a one-byte value.
        int countAt = r.position();
        int n = r.readCount("sample count", Math.min(MAX_SAMPLES, r.remaining() / 2));
        if (n == 0) {
            throw new CorruptRecordException("empty sample batch at byte " + countAt);
        }
        long[] timestamps = new long[n];
        long time = 0;
        for (int i = 0; i < n; i++) {
            time += r.readSignedVarLong();
            timestamps[i] = time;
        }
        double[] values = new double[n];
        long bits = 0;
        for (int i = 0; i < n; i++) {
            int at = r.position();
            int tz = r.readByte();
            if (tz > ALL_ZERO) {
                throw new CorruptRecordException("bad value shift " + tz + " at byte " + at);
            }
            if (tz != ALL_ZERO) {
                long shifted = r.readVarLong();
                if (Long.numberOfLeadingZeros(shifted) < tz) {
                    throw new CorruptRecordException("value overflows 64 bits at byte " + at);
                }
                bits ^= shifted << tz;
            }
            values[i] = Double.longBitsToDouble(bits);
        }
        r.expectEnd();
        return SampleBatch.wrap(labels, timestamps, values);
    }

    /**
     * Decodes a record and checks that its key, when present, is the hash of the labels it carries:
     * a mismatch means a producer keyed it wrongly, so the series would be split across partitions.
     */
    public static SampleBatch decode(byte[] key, byte[] value) throws CorruptRecordException {
        SampleBatch batch = decodeValue(value);
        if (key != null) {
            if (key.length != 8) {
                throw new CorruptRecordException(
                        "record key has " + key.length + " bytes, expected an 8-byte series hash");
            }
            long expected = batch.labels().hash64();
            long actual = new ByteReader(key).readLong();
            if (actual != expected) {
                throw new CorruptRecordException(
                        String.format(
                                "record key %016x is not the series hash %016x of %s",
                                actual, expected, batch.labels()));
            }
        }
        return batch;
    }
}
