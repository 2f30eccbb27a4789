package io.weir.server.store;

/** Reads a stream written by {@link BitOutput}. */
final class BitInput {
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
