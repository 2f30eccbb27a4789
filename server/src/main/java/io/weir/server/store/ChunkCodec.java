package io.weir.server.store;

import io.weir.promql.eval.SampleChunk;

/**
 * Gorilla-style compression of one chunk of a series (Pelkonen et al., VLDB 2015): timestamps as
 * delta-of-delta in variable-width buckets, values as the XOR of their raw bits with the previous
 * value's, written as the meaningful bits only. Values are compared by raw bits, so every NaN
 * payload, staleness markers included, and both zeros survive exactly.
 *
 * <p>Layout: 16 bits sample count, 64 bits first timestamp, 64 bits first value; then per further
 * sample a timestamp delta-of-delta (the first delta is coded as a delta-of-delta from zero) and a
 * value XOR. The delta-of-delta buckets are 0, 7, 14, 20 and 64 bits wide (prefixes 0, 10, 110,
 * 1110, 1111): the 7-bit bucket catches the few milliseconds of jitter real scrapes have, for which
 * a smallest bucket of 14 bits would pay twice.
 */
public final class ChunkCodec {
    /** The most samples one chunk holds (the count field's width). */
    public static final int MAX_SAMPLES = 0xffff;

    private ChunkCodec() {}

    /**
     * Encodes samples {@code [from, to)}; timestamps must be strictly ascending and the range
     * non-empty.
     */
    public static byte[] encode(long[] timestamps, double[] values, int from, int to) {
        return encodeToStream(timestamps, values, from, to).toByteArray();
    }

    /** The number of bits {@link #encode} writes for these samples, padding excluded. */
    public static long encodedBits(long[] timestamps, double[] values, int from, int to) {
        return encodeToStream(timestamps, values, from, to).bitCount();
    }

    private static BitOutput encodeToStream(long[] ts, double[] vs, int from, int to) {
        int count = to - from;
        if (count <= 0 || count > MAX_SAMPLES) {
            throw new IllegalArgumentException(
                    "chunk size " + count + " outside 1.." + MAX_SAMPLES);
        }
        BitOutput out = new BitOutput(count * 2 + 24);
        out.writeBits(count, 16);
        out.writeBits(ts[from], 64);
        long prevBits = Double.doubleToRawLongBits(vs[from]);
        out.writeBits(prevBits, 64);
        long prevT = ts[from];
        long prevDelta = 0;
        int prevLeading = -1;
        int prevTrailing = 0;
        for (int i = from + 1; i < to; i++) {
            long delta = ts[i] - prevT;
            if (delta <= 0) {
                throw new IllegalArgumentException("timestamps not ascending at " + ts[i]);
            }
            writeDeltaOfDelta(out, delta - prevDelta);
            prevT = ts[i];
            prevDelta = delta;

            long bits = Double.doubleToRawLongBits(vs[i]);
            long xor = bits ^ prevBits;
            prevBits = bits;
            if (xor == 0) {
                out.writeBit(false);
                continue;
            }
            out.writeBit(true);
            int leading = Math.min(31, Long.numberOfLeadingZeros(xor));
            int trailing = Long.numberOfTrailingZeros(xor);
            if (prevLeading >= 0 && leading >= prevLeading && trailing >= prevTrailing) {
                // The meaningful bits fit the previous window: reuse it.
                out.writeBit(false);
                out.writeBits(xor >>> prevTrailing, 64 - prevLeading - prevTrailing);
            } else {
                int significant = 64 - leading - trailing;
                out.writeBit(true);
                out.writeBits(leading, 5);
                out.writeBits(significant & 63, 6); // 64 significant bits are written as 0
                out.writeBits(xor >>> trailing, significant);
                prevLeading = leading;
                prevTrailing = trailing;
            }
        }
        return out;
    }

    private static void writeDeltaOfDelta(BitOutput out, long dod) {
        if (dod == 0) {
            out.writeBit(false);
        } else if (fits(dod, 7)) {
            out.writeBits(0b10, 2);
            out.writeBits(dod, 7);
        } else if (fits(dod, 14)) {
            out.writeBits(0b110, 3);
            out.writeBits(dod, 14);
        } else if (fits(dod, 20)) {
            out.writeBits(0b1110, 4);
            out.writeBits(dod, 20);
        } else {
            out.writeBits(0b1111, 4);
            out.writeBits(dod, 64);
        }
    }

    /** Whether {@code v} is representable as a two's complement number of {@code bits} bits. */
    private static boolean fits(long v, int bits) {
        long limit = 1L << (bits - 1);
        return v >= -limit && v < limit;
    }

    private static long readSigned(BitInput in, int bits) {
        long raw = in.readBits(bits);
        return (raw << (64 - bits)) >> (64 - bits);
    }

    /** The number of samples in an encoded chunk, without decoding it. */
    public static int count(byte[] chunk, int offset) {
        return (int) new BitInput(chunk, offset).readBits(16);
    }

    /** Decodes a chunk written by {@link #encode} starting at {@code offset} of {@code chunk}. */
    public static SampleChunk decode(byte[] chunk, int offset) {
        int count = count(chunk, offset);
        long[] ts = new long[count];
        double[] vs = new double[count];
        decodeInto(chunk, offset, ts, vs, 0);
        return new SampleChunk(ts, vs, 0, count);
    }

    /**
     * Decodes a chunk into {@code ts} and {@code vs} from index {@code at} on, which must have room
     * for {@link #count} samples; a reader of many chunks fills one pair of arrays this way.
     *
     * @return the number of samples decoded
     */
    static int decodeInto(byte[] chunk, int offset, long[] ts, double[] vs, int at) {
        BitInput in = new BitInput(chunk, offset);
        int count = (int) in.readBits(16);
        long t = in.readBits(64);
        long bits = in.readBits(64);
        ts[at] = t;
        vs[at] = Double.longBitsToDouble(bits);
        long delta = 0;
        int leading = 0;
        int trailing = 0;
        for (int i = 1; i < count; i++) {
            delta += readDeltaOfDelta(in);
            t += delta;
            ts[at + i] = t;
            if (in.readBit()) {
                if (in.readBit()) {
                    leading = (int) in.readBits(5);
                    int significant = (int) in.readBits(6);
                    if (significant == 0) {
                        significant = 64;
                    }
                    trailing = 64 - leading - significant;
                }
                long xor = in.readBits(64 - leading - trailing) << trailing;
                bits ^= xor;
            }
            vs[at + i] = Double.longBitsToDouble(bits);
        }
        return count;
    }

    private static long readDeltaOfDelta(BitInput in) {
        if (!in.readBit()) {
            return 0;
        }
        if (!in.readBit()) {
            return readSigned(in, 7);
        }
        if (!in.readBit()) {
            return readSigned(in, 14);
        }
        if (!in.readBit()) {
            return readSigned(in, 20);
        }
        return in.readBits(64);
    }
}
