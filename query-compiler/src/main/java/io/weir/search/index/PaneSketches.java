package io.weir.search.index;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.datadoghq.sketch.ddsketch.DDSketches;
import com.datadoghq.sketch.ddsketch.encoding.ByteArrayInput;
import com.datadoghq.sketch.ddsketch.encoding.GrowingByteArrayOutput;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Per-series quantile sketches, one per time pane, so that the quantile over any range is a merge
 * of the panes the range covers.
 *
 * <p><b>Panes.</b> Pane {@code p} holds the samples with {@code p*W < t <= (p+1)*W} ({@code W} the
 * pane width): closed on the right like a PromQL range. {@code pct(q, r)} at time {@code t} merges
 * the panes that overlap {@code (t-r, t]}; when {@code t} and {@code r} are multiples of {@code W}
 * that is exactly the range, otherwise the range is widened outwards to whole panes.
 *
 * <p><b>Error bound.</b> Each pane is a DDSketch with relative accuracy {@code alpha} (1 % by
 * default) over an unbounded dense store, which never collapses buckets. Merging such sketches adds
 * bucket counts, so the merged sketch is the sketch of all the panes' samples, and {@code
 * getValueAtQuantile(q)} returns a value within {@code alpha * |x|} of {@code x}, the sample of
 * rank {@code floor(q * (n - 1))} in ascending order (n samples in the panes). Only finite values
 * enter the sketches: NaN (staleness markers included) and infinities are skipped.
 *
 * <p>Panes are stored encoded (DDSketch's own encoding, mapping omitted) in one byte array per
 * series, which keeps a million series with a few panes each within a few hundred megabytes.
 */
public final class PaneSketches {
    /** The relative accuracy used unless another is asked for. */
    public static final double DEFAULT_ACCURACY = 0.01;

    private final long paneMillis;
    private final double accuracy;
    private final long[] firstPane;
    private final int[][] offsets;
    private final byte[][] data;

    PaneSketches(
            long paneMillis, double accuracy, long[] firstPane, int[][] offsets, byte[][] data) {
        this.paneMillis = paneMillis;
        this.accuracy = accuracy;
        this.firstPane = firstPane;
        this.offsets = offsets;
        this.data = data;
    }

    public long paneMillis() {
        return paneMillis;
    }

    public double relativeAccuracy() {
        return accuracy;
    }

    /** The pane holding a sample at {@code t}. */
    public static long paneOf(long t, long paneMillis) {
        return Math.floorDiv(t - 1, paneMillis);
    }

    /** The first pane a range {@code (at - range, at]} overlaps. */
    public static long firstPaneOf(long at, long range, long paneMillis) {
        return Math.floorDiv(at - range, paneMillis);
    }

    /** How many panes a range overlaps at most. */
    public int panesPerRange(long rangeMillis) {
        return (int) Math.min(Integer.MAX_VALUE, rangeMillis / paneMillis + 1);
    }

    /** A new empty sketch with this index's accuracy. */
    public DDSketch newSketch() {
        return DDSketches.logarithmicUnboundedDense(accuracy);
    }

    /**
     * The sketch of series {@code id}'s samples in the panes overlapping {@code (at - range, at]};
     * empty when there are none.
     */
    public DDSketch merged(int id, long rangeMillis, long atMillis) {
        DDSketch sketch = newSketch();
        long from = Math.max(firstPaneOf(atMillis, rangeMillis, paneMillis), firstPane[id]);
        int[] off = offsets[id];
        long to = Math.min(paneOf(atMillis, paneMillis), firstPane[id] + off.length - 2);
        byte[] bytes = data[id];
        try {
            for (long p = from; p <= to; p++) {
                int i = (int) (p - firstPane[id]);
                int len = off[i + 1] - off[i];
                if (len > 0) {
                    sketch.decodeAndMergeWith(ByteArrayInput.wrap(bytes, off[i], len));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("corrupt pane sketch of series " + id, e);
        }
        return sketch;
    }

    /** The q-quantile of series {@code id} over the range; NaN when it has no samples there. */
    public double quantile(int id, double q, long rangeMillis, long atMillis) {
        DDSketch s = merged(id, rangeMillis, atMillis);
        return s.isEmpty() ? Double.NaN : s.getValueAtQuantile(q);
    }

    /** Builds the panes of one series from its samples, ascending by time. */
    static final class SeriesPanes {
        final long firstPane;
        final int[] offsets;
        final byte[] data;

        private SeriesPanes(long firstPane, int[] offsets, byte[] data) {
            this.firstPane = firstPane;
            this.offsets = offsets;
            this.data = data;
        }

        static final SeriesPanes EMPTY = new SeriesPanes(0, new int[] {0}, new byte[0]);

        static SeriesPanes of(
                long[] ts, double[] vs, int from, int to, long paneMillis, double accuracy) {
            int first = from;
            while (first < to && !Double.isFinite(vs[first])) {
                first++;
            }
            int last = to - 1;
            while (last >= first && !Double.isFinite(vs[last])) {
                last--;
            }
            if (first > last) {
                return EMPTY;
            }
            long p0 = paneOf(ts[first], paneMillis);
            long p1 = paneOf(ts[last], paneMillis);
            if (p1 - p0 > Integer.MAX_VALUE - 2) {
                throw new IllegalArgumentException("too many panes in one series");
            }
            int panes = (int) (p1 - p0 + 1);
            int[] offsets = new int[panes + 1];
            byte[][] encoded = new byte[panes][];
            int size = 0;
            int i = first;
            for (int k = 0; k < panes; k++) {
                long pane = p0 + k;
                DDSketch s = null;
                while (i <= last && paneOf(ts[i], paneMillis) == pane) {
                    if (Double.isFinite(vs[i])) {
                        if (s == null) {
                            s = DDSketches.logarithmicUnboundedDense(accuracy);
                        }
                        s.accept(vs[i]);
                    }
                    i++;
                }
                if (s != null) {
                    encoded[k] = encode(s);
                    size += encoded[k].length;
                }
                offsets[k + 1] = size;
            }
            byte[] data = new byte[size];
            for (int k = 0; k < panes; k++) {
                if (encoded[k] != null) {
                    System.arraycopy(encoded[k], 0, data, offsets[k], encoded[k].length);
                }
            }
            return new SeriesPanes(p0, offsets, data);
        }

        /**
         * DDSketch's own encoding without the index mapping: every pane of an index uses the same
         * mapping, held by the sketch they are merged into.
         */
        private static byte[] encode(DDSketch s) {
            GrowingByteArrayOutput out = GrowingByteArrayOutput.withInitialCapacity(64);
            try {
                s.encode(out, true);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out.trimmedCopy();
        }
    }
}
