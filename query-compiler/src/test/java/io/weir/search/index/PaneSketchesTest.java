package io.weir.search.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weir.promql.model.Labels;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The documented error bound: within 1 % of the exact sample of rank floor(q*(n-1)). */
class PaneSketchesTest {
    private static final long PANE = 60_000;

    @Test
    void mergedPanesStayWithinTheRelativeErrorOfExactQuantiles() {
        Random r = new Random(3);
        int n = 1800; // ends on a pane boundary, so whole-pane ranges are exact
        long[] ts = new long[n];
        double[] vs = new double[n];
        for (int i = 0; i < n; i++) {
            ts[i] = (i + 1) * 1000L; // 60 samples per pane, 30 panes
            vs[i] = Math.exp(r.nextGaussian() * 2) * (r.nextInt(20) == 0 ? -1 : 1);
        }
        Builder b = SeriesIndex.builder(PANE, PaneSketches.DEFAULT_ACCURACY);
        b.addSeries(Labels.of("__name__", "x"), ts, vs, 0, n);
        PaneSketches sketches = b.build().sketches();
        long at = n * 1000L;
        for (long range : new long[] {PANE, 5 * PANE, 20 * PANE, 40 * PANE}) {
            double[] exact = Arrays.copyOfRange(vs, (int) Math.max(0, n - range / 1000), n);
            Arrays.sort(exact);
            for (double q : new double[] {0, 0.01, 0.25, 0.5, 0.9, 0.99, 1}) {
                double want = exact[(int) Math.floor(q * (exact.length - 1))];
                double got = sketches.quantile(0, q, range, at);
                assertTrue(
                        Math.abs(got - want) <= 0.01 * Math.abs(want) + 1e-12,
                        "q=" + q + " range=" + range + ": " + got + " vs exact " + want);
            }
        }
    }

    @Test
    void emptyRangeHasNoQuantile() {
        Builder b = SeriesIndex.builder(PANE, PaneSketches.DEFAULT_ACCURACY);
        b.addSeries(Labels.of("a", "b"), new long[] {60_000}, new double[] {1}, 0, 1);
        SeriesIndex index = b.build();
        assertTrue(Double.isNaN(index.sketches().quantile(0, 0.5, PANE, 10 * PANE)));
        assertEquals(1.0, index.sketches().quantile(0, 0.5, PANE, PANE), 0.0101);
    }

    @Test
    void tokenisation() {
        assertEquals(
                List.of("http", "requests", "total", "checkout", "api"),
                Tokenizer.tokens("http_requests_total Checkout-API checkout"));
        assertEquals(List.of(), Tokenizer.tokens("--_"));
    }
}
