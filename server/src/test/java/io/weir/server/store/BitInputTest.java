package io.weir.server.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Reads of every width at every bit position, near the end of the array and behind an offset. */
class BitInputTest {

    @Test
    void readsBackWhatWasWrittenAtEveryWidthAndPosition() {
        SplittableRandom random = new SplittableRandom(3);
        for (int round = 0; round < 2_000; round++) {
            int count = 1 + random.nextInt(40);
            int[] widths = new int[count];
            long[] values = new long[count];
            BitOutput out = new BitOutput(8);
            int prefix = random.nextInt(12);
            for (int i = 0; i < prefix; i++) {
                out.writeBits(random.nextLong(), 8);
            }
            for (int i = 0; i < count; i++) {
                widths[i] = random.nextInt(65);
                long v = random.nextLong();
                values[i] = widths[i] == 64 ? v : v & ((1L << widths[i]) - 1);
                out.writeBits(values[i], widths[i]);
            }
            byte[] bytes = out.toByteArray();
            // Bytes after the stream (as after a chunk in a larger value) must not be read.
            byte[] padded = Arrays.copyOf(bytes, bytes.length + random.nextInt(3));
            for (byte[] b : new byte[][] {bytes, padded}) {
                BitInput in = new BitInput(b, prefix);
                for (int i = 0; i < count; i++) {
                    assertEquals(values[i], in.readBits(widths[i]), "value " + i);
                }
            }
        }
    }

    @Test
    void aStreamThatEndsEarlyIsAnError() {
        BitOutput out = new BitOutput(8);
        out.writeBits(0x5aL, 8);
        BitInput in = new BitInput(out.toByteArray(), 0);
        assertEquals(0x5, in.readBits(4));
        assertThrows(IllegalStateException.class, () -> in.readBits(5));
    }
}
