package io.weir.server.store;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Reads a stream written by {@link BitOutput}. */
final class BitInput {
    private static final VarHandle BIG_ENDIAN_LONG =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private final byte[] bytes;
    private final int offset;
    private long position;

    BitInput(byte[] bytes, int offset) {
        this.bytes = bytes;
        this.offset = offset;
    }

    boolean readBit() {
        return readBits(1) != 0;
    }

    /** Reads {@code n} bits, {@code 0 <= n <= 64}, as the low bits of the result. */
    long readBits(int n) {
        if (n == 0) {
            return 0;
        }
        int byteIndex = offset + (int) (position >>> 3);
        int skip = (int) (position & 7);
        // The bytes the n bits lie in: the first and the last must be there.
        int lastByte = offset + (int) ((position + n - 1) >>> 3);
        if (lastByte >= bytes.length) {
            throw new IllegalStateException("chunk ends early");
        }
        // A decoder reads every sample this way: eight bytes at once rather than one by one.
        long word =
                byteIndex + 8 <= bytes.length
                        ? (long) BIG_ENDIAN_LONG.get(bytes, byteIndex)
                        : lastBytes(byteIndex);
        position += n;
        int inWord = 64 - skip;
        if (n <= inWord) {
            return (word << skip) >>> (64 - n);
        }
        // The n bits run into a ninth byte: at most 7 bits of it (skip <= 7).
        int rest = n - inWord;
        long high = (word << skip) >>> skip;
        int next = bytes[byteIndex + 8] & 0xff;
        return (high << rest) | (next >>> (8 - rest));
    }

    /** The bytes from {@code from} to the end of the array, fewer than eight, zeros after them. */
    private long lastBytes(int from) {
        long word = 0;
        for (int i = 0; i < 8; i++) {
            int b = from + i < bytes.length ? bytes[from + i] & 0xff : 0;
            word = (word << 8) | b;
        }
        return word;
    }
}
