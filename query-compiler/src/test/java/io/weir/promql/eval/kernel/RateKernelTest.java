package io.weir.promql.eval.kernel;

import static io.weir.promql.eval.kernel.Window.MISSING;
import static io.weir.promql.eval.kernel.Window.concat;
import static io.weir.promql.eval.kernel.Window.load;
import static io.weir.promql.eval.kernel.Window.m;
import static io.weir.promql.eval.kernel.Window.s;
import static io.weir.promql.eval.kernel.Window.seq;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class RateKernelTest {
    private static final RangeKernel RATE = RangeKernels.forFunction("rate");
    private static final RangeKernel INCREASE = RangeKernels.forFunction("increase");
    private static final RangeKernel DELTA = RangeKernels.forFunction("delta");
    private static final RangeKernel IRATE = RangeKernels.forFunction("irate");
    private static final RangeKernel IDELTA = RangeKernels.forFunction("idelta");

    @Test
    void increaseOverTheWholeSeriesIsTheChange() {
        Window foo = load(m(5), seq(0, 10, 10));
        Window bar = load(m(5), concat(seq(0, 18, 5), seq(0, 18, 5)));
        Window dings = load(m(5), seq(10, 10, 10));
        Window bumms = load(m(5), seq(1, 10, 10));
        Approx.close(100, foo.eval(INCREASE, m(50), m(50)));
        Approx.close(160, bar.eval(INCREASE, m(50), m(50)));
        Approx.close(100, dings.eval(INCREASE, m(50), m(50)));
        Approx.close(100, bumms.eval(INCREASE, m(50), m(50)));
    }

    @Test
    void extrapolationStopsAtHalfAnIntervalOrWhereTheCounterWouldBeZero() {
        // dings would reach zero 5m before its first sample: half an interval (2m30s) wins.
        // bumms would reach zero 30s before its first sample: the zero point wins.
        Approx.close(100, load(m(5), seq(0, 10, 10)).eval(INCREASE, m(50), m(100)));
        Approx.close(
                162,
                load(m(5), concat(seq(0, 18, 5), seq(0, 18, 5))).eval(INCREASE, m(50), m(100)));
        Approx.close(105, load(m(5), seq(10, 10, 10)).eval(INCREASE, m(50), m(100)));
        Approx.close(101, load(m(5), seq(1, 10, 10)).eval(INCREASE, m(50), m(100)));
    }

    @Test
    void aCounterResetCountsAsARestartFromZero() {
        Approx.close(7, load(m(5), 0, 1, 2, 3, 2, 3, 4).eval(INCREASE, m(30), m(30)));
        Window middle = load(m(5), concat(seq(0, 27, 4), seq(0, 27, 5)));
        Approx.close(0.08, middle.eval(RATE, m(50), m(50)));
    }

    @Test
    void aResetAtTheEndOfAShortWindow() {
        Window w = load(m(5), concat(seq(0, 10, 9), new double[] {0, 10}));
        assertNull(w.eval(RATE, m(50), m(5)), "one sample is too few");
        Approx.close(0, w.eval(RATE, m(50), m(6)));
    }

    @Test
    void rateIsPerSecondOverTheRange() {
        Approx.close(0.26666666666666666, load(m(5), seq(0, 80, 10)).eval(RATE, m(50), m(50)));
        Approx.close(
                0.03333333333333333,
                load(m(5), seq(0, 10, 10)).evalWithOffset(RATE, m(50), m(10), m(5)));
        Approx.close(
                0.06666666666666667,
                load(m(5), seq(0, 20, 10)).evalWithOffset(RATE, m(50), m(10), m(5)));
    }

    @Test
    void zeroCutoffForLeftExtrapolation() {
        double[] early = {0.5, 0.55, 0.6, 0.6, 0.6, 0.6};
        for (int start = 0; start <= 5; start++) {
            Window w = load(m(4), seq(60 * start, 240, 10));
            Approx.close(early[start], w.eval(RATE, m(10), m(20)));
            Approx.close(0.6, w.eval(RATE, m(50), m(20)));
        }
    }

    @Test
    void deltaExtrapolatesAGauge() {
        Approx.close(200, load(m(5), 0, 50, 100, 150, 200).eval(DELTA, m(20), m(20)));
        Approx.close(-200, load(m(5), 200, 150, 100, 50, 0).eval(DELTA, m(20), m(20)));
    }

    @Test
    void deltaDoesNotClampAtZero() {
        // Samples at 60s and 120s in (0, 180]: change 10 over 60s, extended by 60s at the start
        // (under 110% of the interval) and 60s at the end: 10 * 180 / 60.
        Approx.close(30, load(s(60), 100, 5, 15).eval(DELTA, s(180), s(180)));
    }

    @Test
    void rangeSecondsMatchesGoDurationSeconds() {
        assertEquals(90.061, RateKernel.rangeSeconds(90_061));
        assertEquals(300.0, RateKernel.rangeSeconds(300_000));
        assertEquals(0.001, RateKernel.rangeSeconds(1));
    }

    @Test
    void irateUsesTheLastTwoSamples() {
        Approx.close(0.03333333333333333, load(m(5), seq(0, 10, 10)).eval(IRATE, m(50), m(50)));
        Window bar = load(m(5), concat(seq(0, 10, 5), seq(0, 10, 5)));
        Approx.close(0.03333333333333333, bar.eval(IRATE, m(50), m(50)));
        // The last two samples at 25m and 30m are 50 then 0: a reset, so 0 / 300s.
        Approx.close(0, bar.eval(IRATE, m(30), m(50)));
    }

    @Test
    void irateAfterAResetUsesTheNewValue() {
        Approx.close(0.1, load(s(10), 5, 1).eval(IRATE, s(10), s(20)));
    }

    @Test
    void irateAndIdeltaWithNaN() {
        Window w = load(m(5), 1, Double.NaN, Double.NaN, 5, 11);
        long range = m(15) + s(1);
        assertNull(w.eval(IRATE, 0, range));
        Approx.exact(Double.NaN, w.eval(IRATE, m(5), range));
        Approx.exact(Double.NaN, w.eval(IRATE, m(10), range));
        Approx.exact(Double.NaN, w.eval(IRATE, m(15), range));
        Approx.close(0.02, w.eval(IRATE, m(20), range));
        Approx.exact(Double.NaN, w.eval(IDELTA, m(15), range));
        Approx.close(6, w.eval(IDELTA, m(20), range));
    }

    @Test
    void ideltaIsTheLastDifferenceEvenWhenNegative() {
        Approx.close(50, load(m(5), 0, 50, 100, 150).eval(IDELTA, m(20), m(20)));
        Approx.close(-50, load(m(5), 0, 50, 100, 50).eval(IDELTA, m(20), m(20)));
    }

    @Test
    void rateKernelsNeedTwoSamples() {
        for (RangeKernel k : new RangeKernel[] {RATE, INCREASE, DELTA, IRATE, IDELTA}) {
            assertEquals(2, k.minSamples());
        }
        assertNull(load(m(5), 1, MISSING, 3).eval(RATE, m(10), m(4)));
    }
}
