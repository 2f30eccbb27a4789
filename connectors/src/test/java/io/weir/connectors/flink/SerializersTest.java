package io.weir.connectors.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.weir.connectors.codec.MetricSample;
import io.weir.connectors.codec.ResultKind;
import io.weir.connectors.codec.ResultRecord;
import io.weir.connectors.dlq.DeadLetter;
import io.weir.connectors.dlq.DlqReason;
import io.weir.connectors.kafka.Ingested;
import io.weir.promql.model.Labels;
import io.weir.promql.model.StaleNaN;
import java.io.IOException;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class SerializersTest {
    private static final Labels LABELS = Labels.of("__name__", "up", "job", "x".repeat(70_000));

    private static <T> T roundTrip(TypeInformation<T> info, T value) throws IOException {
        TypeSerializer<T> s = info.createSerializer(new SerializerConfigImpl());
        DataOutputSerializer out = new DataOutputSerializer(64);
        s.serialize(value, out);
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        T back = s.deserialize(in);
        assertEquals(0, in.available());
        // The snapshot written to savepoints restores the same serializer.
        DataOutputSerializer snap = new DataOutputSerializer(64);
        TypeSerializerSnapshot.writeVersionedSnapshot(snap, s.snapshotConfiguration());
        TypeSerializerSnapshot<T> restored =
                TypeSerializerSnapshot.readVersionedSnapshot(
                        new DataInputDeserializer(snap.getCopyOfBuffer()),
                        SerializersTest.class.getClassLoader());
        assertSame(s, restored.restoreSerializer());
        return back;
    }

    private static <T> T roundTripOf(TypeInformation<T> info, T value) {
        try {
            return roundTrip(info, value);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void samplesKeepStalenessBits() {
        MetricSample s = new MetricSample(LABELS, 5, StaleNaN.VALUE);
        MetricSample back = roundTripOf(WeirTypes.METRIC_SAMPLE, s);
        assertEquals(s, back);
        assertEquals(StaleNaN.BITS, Double.doubleToRawLongBits(back.value()));
    }

    @Test
    void samplesWithLabelsOfAnyCharacters() {
        Labels l =
                Labels.of(
                        "__name__", "x", "a", "", "path", "/caf\u00e9/\ud83d\ude00", "z", "\ud800");
        MetricSample s = new MetricSample(l, Long.MIN_VALUE, -0.0);
        MetricSample back = roundTripOf(WeirTypes.METRIC_SAMPLE, s);
        assertEquals(s, back);
        assertEquals(l.hash64(), back.labels().hash64());
        assertEquals(MetricSample.class, back.getClass());
    }

    @Test
    void ingestedBothKinds() {
        Ingested sample = new Ingested.Sample(new MetricSample(LABELS, -1, 2.5));
        assertEquals(sample, roundTripOf(WeirTypes.INGESTED, sample));
        Ingested rejected =
                new Ingested.Rejected(
                        new DeadLetter(
                                DlqReason.LATE, "late by 5s", "t", 2, 9, 77, null, new byte[] {1}));
        assertEquals(rejected, roundTripOf(WeirTypes.INGESTED, rejected));
    }

    @Test
    void deadLettersAndResults() {
        DeadLetter d =
                new DeadLetter(
                        DlqReason.UNDECODABLE, "m", "t", 0, 1, 2, new byte[0], new byte[] {3});
        assertEquals(d, roundTripOf(WeirTypes.DEAD_LETTER, d));
        ResultRecord r = new ResultRecord("v", LABELS, 60_000, 1.25, ResultKind.EARLY);
        assertEquals(r, roundTripOf(WeirTypes.RESULT_RECORD, r));
    }
}
