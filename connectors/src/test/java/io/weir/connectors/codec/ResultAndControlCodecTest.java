package io.weir.connectors.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.weir.promql.model.Labels;
import io.weir.promql.model.StaleNaN;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class ResultAndControlCodecTest {
    private static final Labels SERIES = Labels.of("job", "api");

    @Test
    void resultRoundTripAndLayout() throws Exception {
        ResultRecord r =
                new ResultRecord("errors", SERIES, 60_000, StaleNaN.VALUE, ResultKind.EARLY);
        byte[] key = ResultCodec.encodeKey(r.view(), r.series());
        byte[] value = ResultCodec.encodeValue(r);
        assertEquals("01066572726f727301036a6f6203617069", HexFormat.of().formatHex(key));
        assertEquals("0101000000000000ea607ff0000000000002", HexFormat.of().formatHex(value));
        ResultRecord back = ResultCodec.decode(key, value);
        assertEquals(r, back);
        assertEquals(StaleNaN.BITS, Double.doubleToRawLongBits(back.value()));
    }

    @Property
    void resultsRoundTrip(
            @ForAll String view, @ForAll long step, @ForAll long bits, @ForAll boolean early)
            throws Exception {
        ResultRecord r =
                new ResultRecord(
                        view,
                        SERIES,
                        step,
                        Double.longBitsToDouble(bits),
                        early ? ResultKind.EARLY : ResultKind.FINAL);
        ResultRecord back =
                ResultCodec.decode(ResultCodec.encodeKey(view, SERIES), ResultCodec.encodeValue(r));
        assertEquals(r, back);
        assertEquals(bits, Double.doubleToRawLongBits(back.value()));
    }

    @Test
    void corruptResults() {
        byte[] key = ResultCodec.encodeKey("v", SERIES);
        assertEquals(
                "bad result kind at byte 1",
                assertThrows(
                                CorruptRecordException.class,
                                () -> ResultCodec.decode(key, HexFormat.of().parseHex("0102")))
                        .getMessage());
        assertEquals(
                "unexpected end of data at byte 2",
                assertThrows(
                                CorruptRecordException.class,
                                () -> ResultCodec.decode(key, HexFormat.of().parseHex("0100")))
                        .getMessage());
        assertEquals(
                "unsupported result key format version 0 (expected 1)",
                assertThrows(
                                CorruptRecordException.class,
                                () -> ResultCodec.decode(new byte[] {0}, new byte[] {1}))
                        .getMessage());
    }

    @Test
    void registrationRoundTrip() throws Exception {
        QueryControl c =
                new QueryControl.Register(
                        new QueryRegistration(
                                "errors",
                                "sum by (job) (rate(http_errors_total[5m]))",
                                Duration.ofSeconds(15),
                                Duration.ofSeconds(30),
                                Duration.ofDays(7)));
        byte[] key = QueryControlCodec.encodeKey(c);
        byte[] value = QueryControlCodec.encodeValue(c);
        assertEquals("errors", new String(key, StandardCharsets.UTF_8));
        assertEquals(
                "{\"name\":\"errors\",\"query\":\"sum by (job) (rate(http_errors_total[5m]))\","
                        + "\"step\":15000,\"lateness\":30000,\"retention\":604800000}",
                new String(value, StandardCharsets.UTF_8));
        assertEquals(c, QueryControlCodec.decode(key, value));
    }

    @Test
    void tombstoneDropsTheView() throws Exception {
        QueryControl drop = new QueryControl.Drop("errors");
        assertNull(QueryControlCodec.encodeValue(drop));
        assertEquals(drop, QueryControlCodec.decode(QueryControlCodec.encodeKey(drop), null));
    }

    @Test
    void badRegistrations() {
        byte[] key = "v".getBytes(StandardCharsets.UTF_8);
        assertEquals(
                "registration of view v: the record names view w in its value",
                controlError(
                        key,
                        "{\"name\":\"w\",\"query\":\"up\",\"step\":1,\"lateness\":0,\"retention\":0}"));
        assertEquals(
                "registration of view v: step must be positive",
                controlError(
                        key,
                        "{\"name\":\"v\",\"query\":\"up\",\"step\":0,\"lateness\":0,\"retention\":0}"));
        assertEquals(
                "registration of view v: missing \"query\"",
                controlError(key, "{\"name\":\"v\",\"step\":1,\"lateness\":0,\"retention\":0}"));
        assertEquals("control record without a view name key", controlError(null, "{}"));
    }

    private static String controlError(byte[] key, String json) {
        return assertThrows(
                        CorruptRecordException.class,
                        () -> QueryControlCodec.decode(key, json.getBytes(StandardCharsets.UTF_8)))
                .getMessage();
    }
}
