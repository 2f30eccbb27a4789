package io.weir.server.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.weir.promql.eval.SampleChunk;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class StepEntriesTest {
    private static final long HOUR = ViewKeys.BLOCK_MILLIS;

    private static byte[] block(long start, Object... entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < entries.length; i += 3) {
            out.writeBytes(
                    ViewKeys.entry(
                            start,
                            (Long) entries[i],
                            (Byte) entries[i + 1],
                            (Double) entries[i + 2]));
        }
        return out.toByteArray();
    }

    @Test
    void aFinalEntryWinsAndALaterEntryOfTheSameKindReplacesAnEarlierOne() {
        byte f = ViewKeys.FINAL;
        byte e = ViewKeys.EARLY;
        StepEntries entries = new StepEntries();
        entries.addBlock(
                HOUR,
                block(
                        HOUR, HOUR + 2L, e, 1.0, HOUR + 1L, f, 2.0, HOUR + 2L, e, 3.0, HOUR + 1L, e,
                        4.0),
                Long.MIN_VALUE,
                Long.MAX_VALUE);
        entries.addBlock(
                2 * HOUR,
                block(2 * HOUR, 2 * HOUR, f, 5.0, 2 * HOUR, f, 6.0, 2 * HOUR + 9, e, 7.0),
                Long.MIN_VALUE,
                2 * HOUR + 5);
        SampleChunk c = entries.toChunk();
        assertArrayEquals(
                new long[] {HOUR + 1, HOUR + 2, 2 * HOUR},
                Arrays.copyOfRange(c.timestamps(), c.from(), c.to()));
        assertArrayEquals(
                new double[] {2, 3, 6}, Arrays.copyOfRange(c.values(), c.from(), c.to()), 0);
    }

    @Test
    void blocksStartOnWholeHoursAlsoBeforeTheEpoch() {
        assertArrayEquals(
                new long[] {0, 0, -HOUR, HOUR, Long.MIN_VALUE},
                new long[] {
                    ViewKeys.blockOf(0),
                    ViewKeys.blockOf(HOUR - 1),
                    ViewKeys.blockOf(-1),
                    ViewKeys.blockOf(HOUR),
                    ViewKeys.blockOf(Long.MIN_VALUE + 5)
                });
    }
}
