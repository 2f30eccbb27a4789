package io.weir.connectors.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.weir.promql.model.Labels;
import io.weir.promql.model.StaleNaN;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class MetricBatchCodecTest {
    private static final Labels UP = Labels.of("__name__", "up", "job", "api");

    @Test
    void roundTripKeepsStalenessMarkersAndNaNPayloadsBitExact() throws Exception {
        double otherNaN = Double.longBitsToDouble(0x7ff8000000000123L);
        SampleBatch batch =
                new SampleBatch(
                        UP,
                        new long[] {1000, 16000, 15000, -5, Long.MAX_VALUE, Long.MIN_VALUE},
                        new double[] {
                            1, StaleNaN.VALUE, Double.NaN, otherNaN, Double.NEGATIVE_INFINITY, -0.0
                        });
        SampleBatch back =
                MetricBatchCodec.decode(
                        MetricBatchCodec.encodeKey(UP), MetricBatchCodec.encodeValue(batch));
        assertEquals(batch, back);
        assertEquals(StaleNaN.BITS, Double.doubleToRawLongBits(back.value(1)));
        assertEquals(0x7ff8000000000123L, Double.doubleToRawLongBits(back.value(3)));
    }

    /** The layout of FORMATS.md, byte for byte. */
    @Test
    void layoutIsTheDocumentedOne() {
        SampleBatch batch =
                new SampleBatch(
                        Labels.of("__name__", "up"), new long[] {1000, 16000}, new double[] {1, 1});
        assertEquals(
                "01" // version
                        + "01" // one label
                        + "085f5f6e616d655f5f" // "__name__"
                        + "027570" // "up"
                        + "02" // two samples
                        + "d00f" // 1000 zig-zag
                        + "b0ea01" // +15000 zig-zag
                        + "34" // 1.0 = 0x3ff0000000000000: 52 trailing zero bits
                        + "ff07" // 0x3ff
                        + "40", // same value: all 64 bits zero after XOR
                HexFormat.of().formatHex(MetricBatchCodec.encodeValue(batch)));
        assertArrayEquals(
                HexFormat.of().parseHex("0123456789abcdef"),
                MetricBatchCodec.encodeKey(0x0123456789abcdefL));
    }

    @Test
    void countersOfWholeNumbersStaySmall() {
        int n = 100;
        long[] ts = new long[n];
        double[] vs = new double[n];
        for (int i = 0; i < n; i++) {
            ts[i] = 1_700_000_000_000L + 15_000L * i;
            vs[i] = 1_000_000 + 7 * i;
        }
        byte[] bytes = MetricBatchCodec.encodeValue(new SampleBatch(UP, ts, vs));
        // 8 bytes of timestamp and value a sample at most, against 16 raw.
        assertEquals(true, bytes.length < 8 * n, bytes.length + " bytes");
    }

    @Test
    void keyThatIsNotTheSeriesHashIsRejected() {
        byte[] value = MetricBatchCodec.encodeValue(SampleBatch.of(UP, 1, 1));
        CorruptRecordException e =
                assertThrows(
                        CorruptRecordException.class,
                        () -> MetricBatchCodec.decode(MetricBatchCodec.encodeKey(42), value));
        assertEquals(
                String.format(
                        "record key 000000000000002a is not the series hash %016x of %s",
                        UP.hash64(), UP),
                e.getMessage());
        assertEquals(
                "record key has 3 bytes, expected an 8-byte series hash",
                assertThrows(
                                CorruptRecordException.class,
                                () -> MetricBatchCodec.decode(new byte[3], value))
                        .getMessage());
    }

    @Test
    void corruptInputIsAClearError() {
        assertError("empty record value", "");
        assertError("unsupported sample batch format version 2 (expected 1)", "02");
        assertError("unexpected end of data at byte 1", "01");
        assertError("string length 5 exceeds the 0 remaining bytes at byte 2", "010105");
        assertError("label a out of order or repeated at byte 6", "010201620176016101760100");
        assertError("empty value of label a at byte 2", "0101016100");
        assertError("empty sample batch at byte 6", "01010161017600");
        assertError("bad value shift 65 at byte 8", "010101610176010041");
        assertError("varint overflows 64 bits at byte 3", "01" + "00" + "01" + "ff".repeat(10));
        assertError("1 trailing bytes at byte 9", "01010161017601" + "00" + "40" + "00");
        assertError(
                "value overflows 64 bits at byte 8",
                "01010161017601" + "00" + "3f" + "ffffffffffffffff01");
        assertError("invalid UTF-8 at byte 3", "010101ff0176");
    }

    private static void assertError(String message, String hex) {
        byte[] bytes = HexFormat.of().parseHex(hex);
        CorruptRecordException e =
                assertThrows(
                        CorruptRecordException.class, () -> MetricBatchCodec.decodeValue(bytes));
        assertEquals(message, e.getMessage());
    }
}
