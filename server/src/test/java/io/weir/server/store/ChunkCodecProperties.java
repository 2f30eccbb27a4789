package io.weir.server.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weir.promql.eval.SampleChunk;
import io.weir.promql.model.StaleNaN;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

class ChunkCodecProperties {

    /** Samples as generated: a first timestamp, positive gaps, raw value bits. */
    record Samples(long first, List<Long> gaps, List<Double> values) {
        long[] timestamps() {
            long[] ts = new long[values.size()];
            ts[0] = first;
            for (int i = 1; i < ts.length; i++) {
                ts[i] = ts[i - 1] + gaps.get(i - 1);
            }
            return ts;
        }

        double[] valueArray() {
            return values.stream().mapToDouble(Double::doubleValue).toArray();
        }
    }

    @Property(tries = 300)
    void decodeInvertsEncodeBitForBit(@ForAll("samples") Samples s) {
        long[] ts = s.timestamps();
        double[] vs = s.valueArray();
        byte[] encoded = ChunkCodec.encode(ts, vs, 0, ts.length);
        SampleChunk back = ChunkCodec.decode(encoded, 0);
        assertEquals(0, back.from());
        assertEquals(ts.length, back.size());
        assertEquals(ts.length, ChunkCodec.count(encoded, 0));
        assertArrayEquals(ts, back.timestamps());
        assertArrayEquals(rawBits(vs), rawBits(back.values()));
    }

    /** As a read decodes: a chunk value among others in one buffer, bytes before and after it. */
    @Property(tries = 200)
    void decodesInsideALargerBuffer(
            @ForAll("samples") Samples s,
            @ForAll @net.jqwik.api.constraints.IntRange(min = 0, max = 20) int before,
            @ForAll @net.jqwik.api.constraints.IntRange(min = 0, max = 20) int after,
            @ForAll byte filler) {
        long[] ts = s.timestamps();
        double[] vs = s.valueArray();
        byte[] encoded = ChunkCodec.encode(ts, vs, 0, ts.length);
        byte[] buffer = new byte[before + encoded.length + after];
        java.util.Arrays.fill(buffer, filler);
        System.arraycopy(encoded, 0, buffer, before, encoded.length);
        long[] bts = new long[ts.length + 3];
        double[] bvs = new double[ts.length + 3];
        assertEquals(ts.length, ChunkCodec.count(buffer, before));
        assertEquals(ts.length, ChunkCodec.decodeInto(buffer, before, bts, bvs, 3));
        assertArrayEquals(ts, java.util.Arrays.copyOfRange(bts, 3, bts.length));
        assertArrayEquals(rawBits(vs), rawBits(java.util.Arrays.copyOfRange(bvs, 3, bvs.length)));
    }

    @Property(tries = 100)
    void aTruncatedChunkIsAnError(@ForAll("samples") Samples s, @ForAll java.util.Random r) {
        long[] ts = s.timestamps();
        double[] vs = s.valueArray();
        byte[] encoded = ChunkCodec.encode(ts, vs, 0, ts.length);
        long bits = ChunkCodec.encodedBits(ts, vs, 0, ts.length);
        // Cut at least one byte that holds bits of the stream.
        int keep = r.nextInt((int) ((bits - 1) / 8) + 1);
        byte[] cut = java.util.Arrays.copyOf(encoded, keep);
        assertThrows(IllegalStateException.class, () -> ChunkCodec.decode(cut, 0));
    }

    @Example
    void regularCounterCostsFewBitsPerSample() {
        int n = 120;
        long[] ts = new long[n];
        double[] vs = new double[n];
        for (int i = 0; i < n; i++) {
            ts[i] = 1_700_000_000_000L + i * 15_000L;
            vs[i] = 1000 + i * 7;
        }
        long bits = ChunkCodec.encodedBits(ts, vs, 0, n);
        // Constant intervals cost one bit each; small integer steps about a dozen or two.
        assertTrue(bits / (double) n < 24, "bits per sample " + bits / (double) n);
    }

    @Example
    void staleMarkerSurvivesAmongOtherNaNs() {
        long[] ts = {1, 2, 3, 4};
        double[] vs = {Double.NaN, StaleNaN.VALUE, Double.NaN, StaleNaN.VALUE};
        SampleChunk back = ChunkCodec.decode(ChunkCodec.encode(ts, vs, 0, 4), 0);
        assertArrayEquals(rawBits(vs), rawBits(back.values()));
    }

    @Provide
    Arbitrary<Samples> samples() {
        Arbitrary<Long> first = Arbitraries.longs().between(-(1L << 50), 1L << 50);
        Arbitrary<Long> gap =
                Arbitraries.frequencyOf(
                        Tuple.of(6, Arbitraries.just(15_000L)),
                        Tuple.of(3, Arbitraries.longs().between(1, 20_000)),
                        Tuple.of(1, Arbitraries.longs().between(1, 1L << 45)));
        Arbitrary<Double> value =
                Arbitraries.frequencyOf(
                        Tuple.of(3, Arbitraries.integers().between(0, 1000).map(i -> (double) i)),
                        Tuple.of(2, Arbitraries.doubles()),
                        Tuple.of(2, Arbitraries.longs().map(Double::longBitsToDouble)),
                        Tuple.of(
                                2,
                                Arbitraries.of(
                                        Double.NaN,
                                        StaleNaN.VALUE,
                                        Double.POSITIVE_INFINITY,
                                        Double.NEGATIVE_INFINITY,
                                        -0.0,
                                        0.0,
                                        Double.MIN_VALUE,
                                        Double.MAX_VALUE)));
        return Arbitraries.integers()
                .between(1, 300)
                .flatMap(
                        n ->
                                Combinators.combine(
                                                first,
                                                gap.list().ofSize(n - 1),
                                                value.list().ofSize(n))
                                        .as(Samples::new));
    }

    private static long[] rawBits(double[] vs) {
        long[] out = new long[vs.length];
        for (int i = 0; i < vs.length; i++) {
            out[i] = Double.doubleToRawLongBits(vs[i]);
        }
        return out;
    }
}
