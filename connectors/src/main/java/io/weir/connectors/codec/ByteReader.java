package io.weir.connectors.codec;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads what {@link ByteWriter} writes, checking every length against the bytes that remain, so
 * corrupt input fails with a {@link CorruptRecordException} that names the offset instead of an
 * index error or a huge allocation.
 */
final class ByteReader {
    private final byte[] buf;
    private int pos;

    ByteReader(byte[] buf) {
        this.buf = buf;
    }

    int position() {
        return pos;
    }

    int remaining() {
        return buf.length - pos;
    }

    CorruptRecordException corrupt(String what) {
        return new CorruptRecordException(what + " at byte " + pos);
    }

    int readByte() throws CorruptRecordException {
        if (pos >= buf.length) {
            throw corrupt("unexpected end of data");
        }
        return buf[pos++] & 0xFF;
    }

    long readVarLong() throws CorruptRecordException {
        int at = pos;
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = readByte();
            if (shift == 63 && (b & 0xFE) != 0) {
                throw new CorruptRecordException("varint overflows 64 bits at byte " + at);
            }
            v |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
        }
        throw new CorruptRecordException("varint longer than 10 bytes at byte " + at);
    }

    long readSignedVarLong() throws CorruptRecordException {
        long z = readVarLong();
        return (z >>> 1) ^ -(z & 1);
    }

    /** A non-negative count that must not exceed {@code max}. */
    int readCount(String what, long max) throws CorruptRecordException {
        int at = pos;
        long n = readVarLong();
        if (n < 0 || n > max) {
            throw new CorruptRecordException(
                    what + " " + Long.toUnsignedString(n) + " out of range at byte " + at);
        }
        return (int) n;
    }

    long readLong() throws CorruptRecordException {
        if (remaining() < 8) {
            throw corrupt("unexpected end of data");
        }
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (buf[pos++] & 0xFF);
        }
        return v;
    }

    double readDouble() throws CorruptRecordException {
        return Double.longBitsToDouble(readLong());
    }

    String readString() throws CorruptRecordException {
        int at = pos;
        long len = readVarLong();
        if (len < 0 || len > remaining()) {
            throw new CorruptRecordException(
                    "string length "
                            + Long.toUnsignedString(len)
                            + " exceeds the "
                            + remaining()
                            + " remaining bytes at byte "
                            + at);
        }
        int n = (int) len;
        try {
            String s =
                    StandardCharsets.UTF_8
                            .newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(buf, pos, n))
                            .toString();
            pos += n;
            return s;
        } catch (CharacterCodingException e) {
            throw corrupt("invalid UTF-8");
        }
    }

    void expectEnd() throws CorruptRecordException {
        if (pos != buf.length) {
            throw corrupt((buf.length - pos) + " trailing bytes");
        }
    }
}
