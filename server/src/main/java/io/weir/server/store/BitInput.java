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
        if (byteIndex + 8 > bytes.length) {
            return readBitsSlowly(n);
        }
        // A decoder reads every sample this way: eight bytes at once rather than one by one.
        long word = (long) BIG_ENDIAN_LONG.get(bytes, byteIndex);
        position += n;
        int inWord = 64 - skip;
        if (n <= inWord) {
            return (word << skip) >>> (64 - n);
        }
        // The n bits run into a ninth byte: at most 7 bits of it (skip <= 7).
        if (byteIndex + 8 >= bytes.length) {
            position -= n;
            return readBitsSlowly(n);
        }
        int rest = n - inWord;
        long high = (word << skip) >>> skip;
        int next = bytes[byteIndex + 8] & 0xff;
        return (high << rest) | (next >>> (8 - rest));
    }

    /** Byte by byte: near the end of the array, where eight bytes are not there to read. */
    private long readBitsSlowly(int n) {
        long result = 0;
        for (int remaining = n; remaining > 0; ) {
            int byteIndex = offset + (int) (position >>> 3);
            if (byteIndex >= bytes.length) {
                throw new IllegalStateException("chunk ends early");
            }
            int available = 8 - (int) (position & 7);
            int take = Math.min(available, remaining);
            int b = bytes[byteIndex] & 0xff;
            int chunk = (b >>> (available - take)) & ((1 << take) - 1);
            result = (result << take) | chunk;
            remaining -= take;
            position += take;
        }
        return result;
    }
}
