package io.weir.server.store;

import java.util.Arrays;

/** An append-only bit stream, most significant bit first. */
final class BitOutput {
    private byte[] bytes;
    private long bitCount;

    BitOutput(int initialBytes) {
        bytes = new byte[Math.max(8, initialBytes)];
    }

    void writeBit(boolean bit) {
        writeBits(bit ? 1 : 0, 1);
    }

    /** Writes the low {@code n} bits of {@code value}, {@code 0 <= n <= 64}. */
    void writeBits(long value, int n) {
        for (int remaining = n; remaining > 0; ) {
            int byteIndex = (int) (bitCount >>> 3);
            if (byteIndex >= bytes.length) {
                bytes = Arrays.copyOf(bytes, bytes.length * 2);
            }
            int free = 8 - (int) (bitCount & 7);
            int take = Math.min(free, remaining);
            int chunk = (int) ((value >>> (remaining - take)) & ((1 << take) - 1));
            bytes[byteIndex] |= (byte) (chunk << (free - take));
            remaining -= take;
            bitCount += take;
        }
    }

    long bitCount() {
        return bitCount;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, (int) ((bitCount + 7) >>> 3));
    }
}
