package io.weir.server.store;

import io.weir.promql.eval.SampleChunk;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The entries of view blocks gathered by one read, resolved into one value per step: a final entry
 * wins over early ones, and of two entries of the same kind the later one wins (entries arrive in
 * write order).
 */
final class StepEntries {
    private long[] steps = new long[64];
    private byte[] kinds = new byte[64];
    private double[] values = new double[64];
    private int n;

    /** Adds the entries of one block value with steps in {@code [minTime, maxTime]}. */
    void addBlock(long blockStart, byte[] block, long minTime, long maxTime) {
        ByteBuffer b = ByteBuffer.wrap(block);
        while (b.remaining() >= ViewKeys.ENTRY_BYTES) {
            long step = blockStart + b.getInt();
            byte kind = b.get();
            long bits = b.getLong();
            if (step >= minTime && step <= maxTime) {
                add(step, kind, Double.longBitsToDouble(bits));
            }
        }
    }

    private void add(long step, byte kind, double value) {
        if (n == steps.length) {
            steps = Arrays.copyOf(steps, n * 2);
            kinds = Arrays.copyOf(kinds, n * 2);
            values = Arrays.copyOf(values, n * 2);
        }
        steps[n] = step;
        kinds[n] = kind;
        values[n] = value;
        n++;
    }

    /** The newest step with a final entry, or {@link Long#MIN_VALUE}. */
    long newestFinal() {
        long newest = Long.MIN_VALUE;
        for (int i = 0; i < n; i++) {
            if (kinds[i] == ViewKeys.FINAL) {
                newest = Math.max(newest, steps[i]);
            }
        }
        return newest;
    }

    SampleChunk toChunk() {
        if (n == 0) {
            return SampleChunk.EMPTY;
        }
        boolean ascending = true;
        for (int i = 1; i < n && ascending; i++) {
            ascending = steps[i] > steps[i - 1];
        }
        if (ascending) {
            // The common case: each step written once, in order.
            return new SampleChunk(steps, values, 0, n);
        }
        // Order by step, keeping write order among entries of one step.
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> a.equals(b) ? 0 : compare(a, b));
        long[] ts = new long[n];
        double[] vs = new double[n];
        int out = 0;
        for (int i = 0; i < n; ) {
            long step = steps[order[i]];
            int chosen = -1;
            for (; i < n && steps[order[i]] == step; i++) {
                int e = order[i];
                if (kinds[e] == ViewKeys.FINAL || chosen < 0 || kinds[chosen] != ViewKeys.FINAL) {
                    chosen = e;
                }
            }
            ts[out] = step;
            vs[out] = values[chosen];
            out++;
        }
        return new SampleChunk(ts, vs, 0, out);
    }

    private int compare(int a, int b) {
        int c = Long.compare(steps[a], steps[b]);
        return c != 0 ? c : Integer.compare(a, b);
    }
}
