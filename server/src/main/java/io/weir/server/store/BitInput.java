package io.weir.server.store;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Reads a stream written by {@link BitOutput}. The decoder reads every timestamp and value through
 * it, a few bits at a time, so it keeps up to 64 bits of the stream in a register-sized buffer and
 * refills it eight bytes at once rather than going back to the array for every read.
 */
final class BitInput {
    private static final VarHandle BIG_ENDIAN_LONG =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private final byte[] bytes;

    /** The next byte of the array to load into the buffer. */
    private int next;

    /** The next unread bits, the first of them in the most significant bit; zeros after them. */
    private long buffer;

    /** How many bits of {@link #buffer} are unread stream. */
    private int buffered;

    BitInput(byte[] bytes, int offset) {
        this.bytes = bytes;
        this.next = offset;
    }

    boolean readBit() {
        return readBits(1) != 0;
    }

    /** Reads {@code n} bits, {@code 0 <= n <= 64}, as the low bits of the result. */
    long readBits(int n) {
        if (n == 0) {
            return 0;
        }
        if (buffered < n) {
            refill();
            if (buffered < n) {
                // Only when fewer than 8 bits were free for another whole byte: take what the
                // buffer holds, then the rest (at most 7 bits) from a refill.
                return readAcross(n);
            }
        }
        long result = buffer >>> (64 - n);
        buffer = n == 64 ? 0 : buffer << n;
        buffered -= n;
        return result;
    }

    private long readAcross(int n) {
        if (next >= bytes.length) {
            throw new IllegalStateException("chunk ends early");
        }
        int high = buffered;
        long first = buffer >>> (64 - high); // high >= 57 here: never a shift by 64
        buffer = 0;
        buffered = 0;
        refill();
        int low = n - high;
        if (buffered < low) {
            throw new IllegalStateException("chunk ends early");
        }
        long rest = buffer >>> (64 - low);
        buffer <<= low;
        buffered -= low;
        return (first << low) | rest;
    }

    /** Loads as many whole bytes as the buffer has room for, up to the end of the array. */
    private void refill() {
        int room = (64 - buffered) >>> 3;
        if (room == 0) {
            return;
        }
        if (next + 8 <= bytes.length) {
            long word = (long) BIG_ENDIAN_LONG.get(bytes, next);
            long taken = room == 8 ? word : word >>> (64 - 8 * room);
            buffer |= taken << (64 - buffered - 8 * room);
            next += room;
            buffered += 8 * room;
            return;
        }
        for (; room > 0 && next < bytes.length; room--) {
            buffer |= (bytes[next++] & 0xffL) << (56 - buffered);
            buffered += 8;
        }
    }
}
