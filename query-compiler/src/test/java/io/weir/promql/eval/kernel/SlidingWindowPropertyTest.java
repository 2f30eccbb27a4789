package io.weir.promql.eval.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The sliding forms of the range kernels give the per-window kernels' results bit for bit (NaN
 * payloads aside) on random series with NaN, infinities, signed zeros, duplicates and gaps, over
 * random ranges and steps, with windows now and then skipped as the evaluator skips short ones.
 */
class SlidingWindowPropertyTest {
    /** Values drawn often enough to collide: duplicates, NaN, the infinities and both zeros. */
    private static final double[] SPECIAL = {
        Double.NaN,
        Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY,
        0.0,
        -0.0,
        1,
        -1,
        2,
        2.5,
        Double.MAX_VALUE,
        -Double.MAX_VALUE,
        Double.MIN_VALUE
    };

    private static List<RangeKernel> slidingKernels() {
        List<RangeKernel> out = new ArrayList<>();
        for (String name : RangeKernels.names()) {
            RangeKernel k = RangeKernels.forFunction(name);
            if (SlidingKernels.forKernel(k) != null) {
                out.add(k);
            }
        }
        return out;
    }

    @Test
    void theExtremesQuantileAndCounterRatesHaveSlidingForms() {
        for (OverTimeKernel k :
                new OverTimeKernel[] {
                    OverTimeKernel.MIN,
                    OverTimeKernel.MAX,
                    OverTimeKernel.TS_OF_MIN,
                    OverTimeKernel.TS_OF_MAX,
                    OverTimeKernel.QUANTILE
                }) {
            assertNotNull(SlidingKernels.forKernel(k), k.name());
        }
        assertNotNull(SlidingKernels.forKernel(RateKernel.RATE));
        assertNotNull(SlidingKernels.forKernel(RateKernel.INCREASE));
        assertNull(SlidingKernels.forKernel(RateKernel.DELTA));
        assertNull(SlidingKernels.forKernel(OverTimeKernel.SUM));
    }

    @Property(tries = 400)
    void slidingEqualsPerWindow(
            @ForAll long seed,
            @ForAll @IntRange(min = 0, max = 300) int samples,
            @ForAll @IntRange(min = 1, max = 200) int rangeSeconds,
            @ForAll @IntRange(min = 1, max = 120) int stepSeconds,
            @ForAll @IntRange(min = 0, max = 4) int valueKind) {
        SplittableRandom r = new SplittableRandom(seed);
        long[] ts = new long[samples];
        double[] vals = new double[samples];
        long t = r.nextLong(-60_000, 60_000);
        for (int i = 0; i < samples; i++) {
            // Mostly regular scrapes, with jitter and now and then a gap (a stale stretch).
            t += r.nextInt(10) == 0 ? r.nextLong(1, 600_000) : r.nextLong(1, 20_000);
            ts[i] = t;
            // Kind 4 is a counter with resets: values mostly enter greatest and leave least.
            vals[i] =
                    valueKind == 4
                            ? (i == 0 || r.nextInt(20) == 0 ? 0 : vals[i - 1]) + r.nextInt(3)
                            : value(r, valueKind);
        }
        long range = rangeSeconds * 1000L;
        long step = stepSeconds * 1000L;
        long start = (samples == 0 ? 0 : ts[0]) - r.nextLong(0, 300_000);
        long end = (samples == 0 ? 0 : ts[samples - 1]) + r.nextLong(0, 300_000);
        for (RangeKernel kernel : slidingKernels()) {
            SlidingWindow window = SlidingKernels.forKernel(kernel);
            window.reset(ts, vals);
            int lo = 0;
            int hi = 0;
            for (long stepAt = start; stepAt <= end; stepAt += step) {
                long at = stepAt;
                long windowStart = at - range;
                while (hi < samples && ts[hi] <= at) {
                    hi++;
                }
                while (lo < hi && ts[lo] <= windowStart) {
                    lo++;
                }
                if (hi - lo < kernel.minSamples() || r.nextInt(8) == 0) {
                    continue;
                }
                double[] params = {quantile(r)};
                double want = kernel.apply(ts, vals, lo, hi, windowStart, at, at, params);
                double got = window.apply(lo, hi, windowStart, at, at, params);
                assertEquals(
                        Double.doubleToLongBits(want),
                        Double.doubleToLongBits(got),
                        () ->
                                kernel + " at " + at + " want " + want + " got " + got + " q "
                                        + params[0]);
            }
        }
    }

    private static double value(SplittableRandom r, int kind) {
        return switch (kind) {
            case 0 -> SPECIAL[r.nextInt(SPECIAL.length)];
            case 1 -> r.nextInt(5);
            case 2 -> r.nextDouble(-1e6, 1e6);
            default -> r.nextInt(4) == 0 ? SPECIAL[r.nextInt(SPECIAL.length)] : r.nextGaussian();
        };
    }

    /** Mostly a valid q, sometimes out of range or NaN, as a per-step scalar argument can be. */
    private static double quantile(SplittableRandom r) {
        return switch (r.nextInt(10)) {
            case 0 -> Double.NaN;
            case 1 -> -0.5;
            case 2 -> 1.5;
            case 3 -> 0;
            case 4 -> 1;
            default -> r.nextDouble();
        };
    }
}
