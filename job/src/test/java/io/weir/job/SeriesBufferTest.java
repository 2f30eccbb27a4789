package io.weir.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weir.promql.model.Labels;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.flink.api.common.state.ValueState;
import org.junit.jupiter.api.Test;

/** The series stage's state value: what is written is read back, and earlier layouts still read. */
class SeriesBufferTest {
    private static final Labels X = Labels.of("__name__", "x", "job", "a");

    /** One key's value, as a state backend keeps it. */
    private static final class OneValue implements ValueState<byte[]> {
        private byte[] value;

        @Override
        public byte[] value() {
            return value;
        }

        @Override
        public void update(byte[] v) {
            value = v;
        }

        @Override
        public void clear() {
            value = null;
        }
    }

    @Test
    void storedContentsReadBack() throws Exception {
        OneValue state = new OneValue();
        SeriesBuffer buffer = new SeriesBuffer(state);
        SeriesBuffer.Contents c = buffer.load(1);
        assertTrue(c.isEmpty());
        assertEquals(Long.MIN_VALUE, c.cleanupAt);
        SeriesBuffer.Series s = c.find(StepPoint.encode(X).getBytes(StandardCharsets.UTF_8));
        s.insert(30_000, 2);
        s.insert(15_000, 1);
        s.fingerprint = 42;
        s.registeredUpTo = 30_000;
        c.cleanupAt = 600_000;
        buffer.store(1, c);

        SeriesBuffer.Contents back = buffer.load(1);
        assertEquals(600_000, back.cleanupAt);
        assertEquals(30_000, back.newest());
        assertEquals(1, back.series.size());
        SeriesBuffer.Series r = back.series.get(0);
        assertEquals(StepPoint.encode(X), r.labels());
        assertEquals(42, r.fingerprint);
        assertEquals(30_000, r.registeredUpTo);
        assertEquals(2, r.size());
        assertEquals(15_000, r.time(0));
        assertEquals(1, r.value(0));
        assertEquals(30_000, r.time(1));
        assertEquals(2, r.value(1));
    }

    @Test
    void aKeyWithoutSamplesHasNoValue() throws Exception {
        OneValue state = new OneValue();
        SeriesBuffer buffer = new SeriesBuffer(state);
        SeriesBuffer.Contents c = buffer.load(1);
        c.find(StepPoint.encode(X).getBytes(StandardCharsets.UTF_8)).insert(15_000, 1);
        c.cleanupAt = 600_000;
        buffer.store(1, c);
        c.series.get(0).evict(15_000);
        buffer.store(1, c);
        assertNull(state.value());
    }

    /**
     * Random inserts (mostly after the newest, some earlier or at a buffered time) and evictions,
     * with the value stored and read back between them, against a sorted map.
     */
    @Test
    void samplesReadBackAsASortedMapHasThem() throws Exception {
        byte[] labels = StepPoint.encode(X).getBytes(StandardCharsets.UTF_8);
        for (long seed = 0; seed < 200; seed++) {
            Random random = new Random(seed);
            OneValue state = new OneValue();
            SeriesBuffer buffer = new SeriesBuffer(state);
            TreeMap<Long, Double> model = new TreeMap<>();
            long now = 0;
            for (int op = 0; op < 60; op++) {
                SeriesBuffer.Contents c = buffer.load(1);
                SeriesBuffer.Series s = c.find(labels);
                int inserts = random.nextInt(3);
                for (int k = 0; k < inserts; k++) {
                    long t = random.nextInt(5) == 0 ? now - random.nextInt(4) * 15L : now + 15;
                    now = Math.max(now, t);
                    double v = random.nextDouble();
                    s.insert(t, v);
                    model.put(t, v);
                }
                if (random.nextInt(3) == 0) {
                    long cutoff = now - random.nextInt(8) * 15L;
                    boolean dropped = s.evict(cutoff);
                    boolean modelDropped = !model.headMap(cutoff, true).isEmpty();
                    model.headMap(cutoff, true).clear();
                    assertEquals(modelDropped, dropped, "seed " + seed);
                }
                if (random.nextInt(4) == 0) {
                    s.rawTimes(); // as a timer reads it
                }
                assertSame(model, s, "seed " + seed + " before storing");
                buffer.store(1, c);
                SeriesBuffer.Contents back = buffer.load(1);
                if (model.isEmpty()) {
                    assertNull(state.value());
                } else {
                    assertEquals(1, back.series.size());
                    assertSame(model, back.series.get(0), "seed " + seed + " read back");
                    // What the state holds, without the buffer's copy of it.
                    SeriesBuffer.Contents stored = new SeriesBuffer(state).load(1);
                    assertSame(model, stored.series.get(0), "seed " + seed + " stored");
                    assertEquals(model.lastKey(), back.newest());
                }
            }
        }
    }

    private static void assertSame(
            SortedMap<Long, Double> model, SeriesBuffer.Series s, String message) {
        assertEquals(model.size(), s.size(), message);
        int i = 0;
        for (var e : model.entrySet()) {
            assertEquals(e.getKey(), s.time(i), message);
            assertEquals(e.getValue(), s.value(i), message);
            i++;
        }
        long[] ts = s.rawTimes();
        double[] vs = s.rawValues();
        i = 0;
        for (var e : model.entrySet()) {
            assertEquals(e.getKey(), ts[i], message);
            assertEquals(e.getValue(), vs[i], message);
            i++;
        }
    }

    @Test
    void aValueOfTheEarlierLayoutHasNoCleanupTimer() throws Exception {
        byte[] labels = StepPoint.encode(X).getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(4 + labels.length + 8 + 8 + 4 + 16);
        b.putInt(labels.length).put(labels).putLong(7).putLong(15_000).putInt(1);
        b.putLong(15_000).putLong(Double.doubleToRawLongBits(3.5));
        OneValue state = new OneValue();
        state.update(b.array());

        SeriesBuffer.Contents c = new SeriesBuffer(state).load(1);
        assertEquals(Long.MIN_VALUE, c.cleanupAt);
        assertEquals(1, c.series.size());
        SeriesBuffer.Series s = c.series.get(0);
        assertEquals(StepPoint.encode(X), s.labels());
        assertEquals(7, s.fingerprint);
        assertEquals(15_000, s.registeredUpTo);
        assertEquals(1, s.size());
        assertEquals(3.5, s.value(0));
    }
}
