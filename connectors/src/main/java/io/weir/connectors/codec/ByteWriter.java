package io.weir.connectors.codec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable big-endian byte buffer with the primitives of Weir's binary formats. */
final class ByteWriter {
    private byte[] buf;
    private int len;

    ByteWriter(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    private void ensure(int extra) {
        if (len + extra > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
        }
    }

    void writeByte(int b) {
        ensure(1);
        buf[len++] = (byte) b;
    }

    /** Unsigned LEB128: seven bits a byte, low bits first, high bit set on all but the last. */
    void writeVarLong(long v) {
        ensure(10);
        while ((v & ~0x7FL) != 0) {
            buf[len++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[len++] = (byte) v;
    }

    /** Zig-zag then LEB128, so that small negative numbers stay short. */
    void writeSignedVarLong(long v) {
        writeVarLong((v << 1) ^ (v >> 63));
    }

    void writeLong(long v) {
        ensure(8);
        for (int shift = 56; shift >= 0; shift -= 8) {
            buf[len++] = (byte) (v >>> shift);
        }
    }

    /** The raw IEEE 754 bits, so every NaN payload (the staleness marker) survives. */
    void writeDouble(double v) {
        writeLong(Double.doubleToRawLongBits(v));
    }

    void writeString(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        writeVarLong(b.length);
        writeBytes(b);
    }

    void writeBytes(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, buf, len, b.length);
        len += b.length;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, len);
    }
}
