package io.weir.server.store;

import io.weir.promql.eval.SampleChunk;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

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

    /** Count, first timestamp and first value. */
    private static final int HEADER_BYTES = 18;

    private static final VarHandle BIG_ENDIAN_LONG =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

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

    /** The number of samples in an encoded chunk, without decoding it. */
    public static int count(byte[] chunk, int offset) {
        if (offset + 2 > chunk.length) {
            throw new IllegalStateException("chunk ends early");
        }
        return ((chunk[offset] & 0xff) << 8) | (chunk[offset + 1] & 0xff);
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
     * for {@link #count} samples; a reader of many chunks fills one pair of arrays this way. Bytes
     * after the chunk in {@code chunk} (the next chunk of a buffer, say) are never decoded.
     *
     * <p>Every sample of every read goes through here, so the bit reader lives in local variables
     * (no object, no call per field): the next unread bits sit left-aligned in {@code word}, {@code
     * avail} of them are stream bits, and a refill loads eight bytes at once whenever fewer than 56
     * are left. Bits below {@code avail} are either zeros or the stream's next bits, which a later
     * refill ORs in again unchanged. A sample's timestamp (at most 24 bits but for the rare 64-bit
     * delta-of-delta) and its value's control bits (at most 13) fit one refill; the value's
     * meaningful bits get a second one.
     *
     * @return the number of samples decoded
     * @throws IllegalStateException when the chunk ends before its last sample
     */
    static int decodeInto(byte[] chunk, int offset, long[] ts, double[] vs, int at) {
        if (offset + HEADER_BYTES > chunk.length) {
            throw new IllegalStateException("chunk ends early");
        }
        int count = ((chunk[offset] & 0xff) << 8) | (chunk[offset + 1] & 0xff);
        long t = (long) BIG_ENDIAN_LONG.get(chunk, offset + 2);
        long bits = (long) BIG_ENDIAN_LONG.get(chunk, offset + 10);
        ts[at] = t;
        vs[at] = Double.longBitsToDouble(bits);
        int pos = offset + HEADER_BYTES;
        int fast = chunk.length - 8; // a refill at or before it loads eight bytes at once
        long word = 0;
        int avail = 0;
        long delta = 0;
        int leading = 0;
        int trailing = 0;
        for (int i = 1; i < count; i++) {
            // Refill (this block appears four times below: a helper would need an object).
            if (avail < 56) {
                if (pos <= fast) {
                    word |= (long) BIG_ENDIAN_LONG.get(chunk, pos) >>> avail;
                    int take = (63 - avail) >>> 3;
                    pos += take;
                    avail += take << 3;
                } else {
                    for (; avail <= 56 && pos < chunk.length; avail += 8) {
                        word |= (chunk[pos++] & 0xffL) << (56 - avail);
                    }
                }
            }
            if (word >= 0) { // '0': the same interval as before
                word <<= 1;
                avail -= 1;
            } else if ((word << 1) >= 0) { // '10' + 7 bits
                delta += (word << 2) >> 57;
                word <<= 9;
                avail -= 9;
            } else if ((word << 2) >= 0) { // '110' + 14 bits
                delta += (word << 3) >> 50;
                word <<= 17;
                avail -= 17;
            } else if ((word << 3) >= 0) { // '1110' + 20 bits
                delta += (word << 4) >> 44;
                word <<= 24;
                avail -= 24;
            } else { // '1111' + 64 bits, as two halves of 32
                word <<= 4;
                avail -= 4;
                long high = word >>> 32;
                word <<= 32;
                avail -= 32;
                if (avail < 56) {
                    if (pos <= fast) {
                        word |= (long) BIG_ENDIAN_LONG.get(chunk, pos) >>> avail;
                        int take = (63 - avail) >>> 3;
                        pos += take;
                        avail += take << 3;
                    } else {
                        for (; avail <= 56 && pos < chunk.length; avail += 8) {
                            word |= (chunk[pos++] & 0xffL) << (56 - avail);
                        }
                    }
                }
                delta += (high << 32) | (word >>> 32);
                word <<= 32;
                avail -= 32;
            }
            t += delta;
            ts[at + i] = t;
            // At least 32 bits are left: enough for the value's control bits.
            if (word >= 0) { // '0': the same value
                word <<= 1;
                avail -= 1;
                vs[at + i] = Double.longBitsToDouble(bits);
                continue;
            }
            if ((word << 1) >= 0) { // '10': the previous window
                word <<= 2;
                avail -= 2;
            } else { // '11': a new window, 5 bits leading zeros, 6 bits width (0 means 64)
                leading = (int) ((word << 2) >>> 59);
                int width = (int) ((word << 7) >>> 58);
                word <<= 13;
                avail -= 13;
                trailing = 64 - leading - (width == 0 ? 64 : width);
            }
            int significant = 64 - leading - trailing;
            if (avail < significant) {
                if (pos <= fast) {
                    word |= (long) BIG_ENDIAN_LONG.get(chunk, pos) >>> avail;
                    int take = (63 - avail) >>> 3;
                    pos += take;
                    avail += take << 3;
                } else {
                    for (; avail <= 56 && pos < chunk.length; avail += 8) {
                        word |= (chunk[pos++] & 0xffL) << (56 - avail);
                    }
                }
            }
            long xor;
            if (significant <= 56) {
                xor = word >>> (64 - significant);
                word <<= significant;
                avail -= significant;
            } else { // 57 to 64 bits: the high part, a refill, then the low 32
                int highBits = significant - 32;
                long high = word >>> (64 - highBits);
                word <<= highBits;
                avail -= highBits;
                if (avail < 56) {
                    if (pos <= fast) {
                        word |= (long) BIG_ENDIAN_LONG.get(chunk, pos) >>> avail;
                        int take = (63 - avail) >>> 3;
                        pos += take;
                        avail += take << 3;
                    } else {
                        for (; avail <= 56 && pos < chunk.length; avail += 8) {
                            word |= (chunk[pos++] & 0xffL) << (56 - avail);
                        }
                    }
                }
                xor = (high << 32) | (word >>> 32);
                word <<= 32;
                avail -= 32;
            }
            bits ^= xor << trailing;
            vs[at + i] = Double.longBitsToDouble(bits);
        }
        if (avail < 0) {
            // More bits were taken than the array holds: the missing ones read as zeros above.
            throw new IllegalStateException("chunk ends early");
        }
        return count;
    }
}
