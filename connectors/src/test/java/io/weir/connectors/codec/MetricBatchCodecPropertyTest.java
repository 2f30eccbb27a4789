package io.weir.connectors.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.weir.promql.model.Labels;
import io.weir.promql.model.StaleNaN;
import java.util.Arrays;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class MetricBatchCodecPropertyTest {
    @Property
    void everyBatchRoundTrips(@ForAll("batches") SampleBatch batch) throws Exception {
        byte[] key = MetricBatchCodec.encodeKey(batch.labels());
        assertEquals(batch, MetricBatchCodec.decode(key, MetricBatchCodec.encodeValue(batch)));
    }

    /** Any bytes decode or fail with the checked error: never another exception. */
    @Property
    void arbitraryBytesNeverThrowAnythingElse(@ForAll byte[] bytes) {
        try {
            MetricBatchCodec.decodeValue(bytes);
        } catch (CorruptRecordException expected) {
            // the only allowed failure
        }
    }

    /** A valid record with one byte changed or cut short still decodes or fails cleanly. */
    @Property
    void damagedRecordsNeverThrowAnythingElse(
            @ForAll("batches") SampleBatch batch,
            @ForAll int position,
            @ForAll byte replacement,
            @ForAll boolean truncate) {
        byte[] bytes = MetricBatchCodec.encodeValue(batch);
        int at = Math.floorMod(position, bytes.length);
        byte[] damaged = truncate ? Arrays.copyOf(bytes, at) : bytes.clone();
        if (!truncate) {
            damaged[at] = replacement;
        }
        try {
            MetricBatchCodec.decodeValue(damaged);
        } catch (CorruptRecordException expected) {
            // the only allowed failure
        }
    }

    @Provide
    Arbitrary<SampleBatch> batches() {
        Arbitrary<Labels> labels =
                Arbitraries.maps(
                                Arbitraries.strings().ofMinLength(1).ofMaxLength(12),
                                Arbitraries.strings().ofMinLength(1).ofMaxLength(20))
                        .ofMaxSize(6)
                        .map(Labels::fromMap);
        Arbitrary<Double> values =
                Arbitraries.oneOf(
                        Arbitraries.doubles(),
                        Arbitraries.integers().between(0, 1_000_000).map(i -> (double) i),
                        Arbitraries.of(
                                StaleNaN.VALUE,
                                Double.NaN,
                                Double.POSITIVE_INFINITY,
                                -0.0,
                                Double.MIN_VALUE),
                        Arbitraries.longs().map(Double::longBitsToDouble));
        Arbitrary<Long> times =
                Arbitraries.oneOf(
                        Arbitraries.longs(),
                        Arbitraries.longs().between(1_600_000_000_000L, 1_800_000_000_000L));
        return Combinators.combine(
                        labels,
                        Combinators.combine(times, values)
                                .as(Map::entry)
                                .list()
                                .ofMinSize(1)
                                .ofMaxSize(50))
                .as(
                        (l, samples) -> {
                            long[] ts = new long[samples.size()];
                            double[] vs = new double[samples.size()];
                            for (int i = 0; i < ts.length; i++) {
                                ts[i] = samples.get(i).getKey();
                                vs[i] = samples.get(i).getValue();
                            }
                            return new SampleBatch(l, ts, vs);
                        });
    }
}
