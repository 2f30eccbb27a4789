package io.weir.promql.eval.kernel;

import static io.weir.promql.eval.kernel.Window.MISSING;
import static io.weir.promql.eval.kernel.Window.load;
import static io.weir.promql.eval.kernel.Window.m;
import static io.weir.promql.eval.kernel.Window.s;
import static io.weir.promql.eval.kernel.Window.seq;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class OverTimeKernelTest {
    private static final double INF = Double.POSITIVE_INFINITY;
    private static final double NAN = Double.NaN;

    private static RangeKernel k(String name) {
        return RangeKernels.forFunction(name);
    }

    private static Double avg(double... values) {
        return load(s(10), values).eval(k("avg_over_time"), s(55), m(1));
    }

    private static Double sumOverCount(double... values) {
        Window w = load(s(10), values);
        return w.eval(k("sum_over_time"), s(55), m(1)) / w.eval(k("count_over_time"), s(55), m(1));
    }

    @Test
    void avgOverTimeWindows() {
        Window w = load(s(10), 1, 2, 3, 4, 5);
        assertNull(w.eval(k("avg_over_time"), s(55), s(10)));
        Approx.close(5, w.eval(k("avg_over_time"), s(55), s(20)));
        Approx.close(3, w.eval(k("avg_over_time"), s(55), m(1)));
    }

    @Test
    void avgAndSumOverTimeWithInfinities() {
        double big = Double.parseDouble("9.988465674311579e+307");
        double[][] inputs = {
            {1, 2, 3, 4, INF},
            {1, 2, 3, 4, -INF},
            {1, 2, 3, INF, -INF},
            {INF, 0, INF},
            {INF, INF, INF, -INF},
            {1, 2, 3, -INF, -INF},
            {-INF, 0, -INF},
            {-INF, -INF, -INF, INF},
            {1, 2, -INF, -INF, INF},
            {big, big},
            {-big, -big, -big},
            {-big, big},
        };
        double[] avgs = {INF, -INF, NAN, INF, NAN, -INF, -INF, NAN, NAN, big, -big, 0};
        double[] sums = {INF, -INF, NAN, INF, NAN, -INF, -INF, NAN, NAN, INF, -INF, 0};
        for (int i = 0; i < inputs.length; i++) {
            Approx.close(avgs[i], avg(inputs[i]));
            Approx.close(sums[i], sumOverCount(inputs[i]));
        }
        // The incremental mean is exact for two equal huge values.
        Approx.exact(big, avg(big, big));
    }

    @Test
    void avgOverTimeWithNaN() {
        Window w = load(s(10), 1, 2, 3, NAN, NAN);
        Approx.close(2, w.eval(k("avg_over_time"), s(20), m(1)));
        Approx.exact(NAN, w.eval(k("avg_over_time"), s(30), m(1)));
        Approx.exact(NAN, w.eval(k("avg_over_time"), s(55), m(1)));
    }

    @Test
    void kahanKeepsSmallValuesNextToHugeOnes() {
        Window w = load(s(10), 1, 1e100, 1, -1e100);
        Approx.exact(2, w.eval(k("sum_over_time"), m(1), m(2)));
        Approx.exact(0.5, w.eval(k("avg_over_time"), m(1), m(2)));
    }

    @Test
    void avgOverTimeExtremeMagnitudes() {
        Object[][] cases = {
            {new double[] {1e10, 1e-6, 1e-6, 1e-6, 1e-6, 1e-6}, 1.6666666666666675e+09},
            {
                new double[] {
                    5.30921651659898,
                    0.961118537914768,
                    1.62091361305318,
                    0.865089463758091,
                    0.323055185914577,
                    0.951811357687154
                },
                1.67186744582113
            },
            {new double[] {1.78264e50, 0.76342771, 1.9592258, 7.69805412, 458.90154}, 3.56528E+49},
            {new double[] {0.76342771, 1.9592258, 7.69805412, 1.78264e50, 458.90154}, 3.56528E+49},
            {
                new double[] {
                    1.78264E+50, 0.76342771, 1.9592258, 2.258E+220, 7.69805412, 458.90154
                },
                3.76333333333333E+219
            },
            {
                new double[] {
                    -1.78264E+50, 0.76342771, 1.9592258, -2.258E+220, 7.69805412, -458.90154
                },
                -3.76333333333333E+219
            },
            {
                new double[] {
                    -1.78264E+215,
                    0.76342771,
                    1.9592258,
                    2.258E+220,
                    7.69805412,
                    1.78264E+215,
                    -458.90154
                },
                3.225714285714286e+219
            },
            {
                new double[] {
                    -1.78264E+219,
                    0.76342771,
                    1.9592258,
                    2.3757689E+217,
                    -2.3757689E+217,
                    2.258E+220,
                    7.69805412,
                    1.78264E+219,
                    -458.90154
                },
                2.5088888888888888e+219
            },
            {
                new double[] {
                    -2.258E+220,
                    -1.78264E+219,
                    0.76342771,
                    1.9592258,
                    2.3757689E+217,
                    -2.3757689E+217,
                    2.258E+220,
                    7.69805412,
                    1.78264E+219,
                    -458.90154
                },
                0.0
            },
        };
        for (Object[] c : cases) {
            double[] values = (double[]) c[0];
            Approx.close((Double) c[1], load(s(5), values).eval(k("avg_over_time"), s(55), m(1)));
        }
    }

    @Test
    void avgOfAConstantIsExactlyTheConstant() {
        Window foo = load(s(10), seq(52, 0, 100));
        for (long range : new long[] {s(100), s(110), s(120), s(130)}) {
            Approx.exact(52, foo.eval(k("avg_over_time"), m(10), range));
        }
    }

    @Test
    void denseSumOverTime() {
        Window w = load(1, seq(1, 0, 4000));
        Approx.close(1000, w.eval(k("sum_over_time"), s(4), 1000));
        Approx.close(1001, w.eval(k("sum_over_time"), s(4), 1001));
        Approx.close(3003, w.eval(k("sum_over_time"), s(4), 3003));
    }

    @Test
    void minMaxFirstLastCountWithNaN() {
        double[][] data = {{2, 0, 3}, {2, 0, NAN}, {2, NAN, 1}, {NAN, 0, 1}, {NAN, NAN, NAN}};
        double[] min = {0, 0, 1, 0, NAN};
        double[] max = {3, 2, 2, 1, NAN};
        double[] last = {3, NAN, 1, 1, NAN};
        double[] first = {2, 2, 2, NAN, NAN};
        for (int i = 0; i < data.length; i++) {
            Window w = load(s(10), data[i]);
            Approx.exact(min[i], w.eval(k("min_over_time"), m(1), m(2)));
            Approx.exact(max[i], w.eval(k("max_over_time"), m(1), m(2)));
            Approx.exact(last[i], w.eval(k("last_over_time"), m(1), m(2)));
            Approx.exact(first[i], w.eval(k("first_over_time"), m(1), m(2)));
            Approx.exact(3, w.eval(k("count_over_time"), m(1), m(2)));
            Approx.exact(1, w.eval(k("present_over_time"), m(1), m(2)));
        }
        Window sparse = load(s(10), MISSING, 5, 2, MISSING, 4, MISSING);
        Approx.exact(2, sparse.eval(k("min_over_time"), m(1), m(2)));
        Approx.exact(5, sparse.eval(k("max_over_time"), m(1), m(2)));
        Approx.exact(4, sparse.eval(k("last_over_time"), m(1), m(2)));
        Approx.exact(5, sparse.eval(k("first_over_time"), m(1), m(2)));
    }

    @Test
    void stddevAndStdvarOverTime() {
        Window w = load(s(10), 0, 8, 8, 2, 3);
        Approx.close(10.56, w.eval(k("stdvar_over_time"), m(1), m(2)));
        Approx.close(3.249615, w.eval(k("stddev_over_time"), m(1), m(2)));
        Window constant = load(s(10), 1.5990505637277868, 1.5990505637277868, 1.5990505637277868);
        Approx.exact(0, constant.eval(k("stdvar_over_time"), s(55), m(1)));
        Approx.exact(0, constant.eval(k("stddev_over_time"), s(55), m(1)));
        Approx.exact(0, load(s(10), 7).eval(k("stdvar_over_time"), 0, s(10)));
        Approx.exact(NAN, load(s(10), 1, INF).eval(k("stdvar_over_time"), s(10), s(20)));
    }

    @Test
    void madOverTime() {
        Approx.close(1, load(s(10), 4, 6, 2, 1, 999, 1, 2).eval(k("mad_over_time"), s(70), s(70)));
        Approx.close(1, load(s(10), 1, 2, 3, 4, 5).eval(k("mad_over_time"), s(40), s(50)));
        Approx.close(0, load(s(10), 7, 7, 7, 7, 7).eval(k("mad_over_time"), s(40), s(50)));
        Approx.close(0, load(s(10), 5).eval(k("mad_over_time"), 0, s(10)));
        Approx.exact(NAN, load(s(10), 1, 2, NAN, 4).eval(k("mad_over_time"), s(30), s(40)));
    }

    @Test
    void timestampsOfMinMaxFirstLast() {
        long interval = s(10) + 53;
        Window w = load(interval, 1, 2, 3, 0, 5, 6, 2, 1, 4);
        Approx.exact(30.159, w.eval(k("ts_of_min_over_time"), s(90), s(90)));
        Approx.exact(50.265, w.eval(k("ts_of_max_over_time"), s(90), s(90)));
        Window last = load(interval, 1, 2, 3, MISSING, MISSING);
        Approx.exact(20.106, last.eval(k("ts_of_last_over_time"), s(90), s(90)));
        Approx.exact(20.106, last.eval(k("ts_of_last_over_time"), s(95), s(90)));
        Window first = load(interval, MISSING, MISSING, 1, 2, 3, MISSING, MISSING);
        Approx.exact(20.106, first.eval(k("ts_of_first_over_time"), s(90), s(90)));
        Approx.exact(20.106, first.eval(k("ts_of_first_over_time"), s(95), s(90)));
        assertNull(first.eval(k("ts_of_first_over_time"), s(15), s(90)));
    }

    @Test
    void timestampOfMaxTakesTheLastOccurrenceAndSkipsNaN() {
        Window w = load(s(1), NAN, 3, 1, 3, NAN);
        Approx.exact(3, w.eval(k("ts_of_max_over_time"), s(5), s(10)));
        Approx.exact(2, w.eval(k("ts_of_min_over_time"), s(5), s(10)));
        Window allNaN = load(s(1), NAN, NAN);
        Approx.exact(1, allNaN.eval(k("ts_of_max_over_time"), s(1), s(10)));
    }

    @Test
    void quantileOverTime() {
        Window two = load(s(10), 0, 1);
        Window three = load(s(10), 0, 1, 2);
        Window uneven = load(s(10), 0, 1, 4);
        double[] qs = {0, 0.5, 0.75, 0.8, 1, -1, 2};
        double[][] expected = {
            {0, 0.5, 0.75, 0.8, 1, -INF, INF},
            {0, 1, 1.5, 1.6, 2, -INF, INF},
            {0, 1, 2.5, 2.8, 4, -INF, INF},
        };
        Window[] windows = {two, three, uneven};
        for (int w = 0; w < windows.length; w++) {
            for (int i = 0; i < qs.length; i++) {
                Approx.close(
                        expected[w][i],
                        windows[w].eval(k("quantile_over_time"), m(1), m(2), qs[i]));
            }
        }
        Approx.exact(NAN, three.eval(k("quantile_over_time"), m(1), m(2), NAN));
    }

    @Test
    void quantileOverTimeDoesNotReorderTheSeries() {
        Window w = load(s(10), 3, 1, 2);
        Approx.exact(2, w.eval(k("quantile_over_time"), s(20), m(1), 0.5));
        Approx.exact(2, w.eval(k("last_over_time"), s(20), m(1)));
    }

    @Test
    void resetsAndChanges() {
        Window foo = load(m(5), 1, 2, 3, 0, 1, 0, 0, 1, 2, 0);
        Window bar = load(m(5), 1, 2, 3, 4, 5, 1, 2, 3, 4, 5);
        Window biz = load(m(5), 0, 0, 0, 0, 0, 1, 1, 1, 1, 1);
        assertNull(foo.eval(k("resets"), m(50), m(5)));
        long[] ranges = {m(10), s(600), m(20), m(30), m(32), m(50)};
        double[] fooResets = {0, 0, 1, 1, 2, 3};
        double[] barResets = {0, 0, 0, 0, 1, 1};
        for (int i = 0; i < ranges.length; i++) {
            Approx.exact(fooResets[i], foo.eval(k("resets"), m(50), ranges[i]));
            Approx.exact(barResets[i], bar.eval(k("resets"), m(50), ranges[i]));
            Approx.exact(0, biz.eval(k("resets"), m(50), ranges[i]));
        }
        long[] changeRanges = {m(6), m(20), m(30), m(50)};
        double[] fooChanges = {0, 2, 3, 7};
        double[] barChanges = {0, 2, 4, 8};
        double[] bizChanges = {0, 0, 0, 1};
        for (int i = 0; i < changeRanges.length; i++) {
            Approx.exact(fooChanges[i], foo.eval(k("changes"), m(50), changeRanges[i]));
            Approx.exact(barChanges[i], bar.eval(k("changes"), m(50), changeRanges[i]));
            Approx.exact(bizChanges[i], biz.eval(k("changes"), m(50), changeRanges[i]));
        }
        Approx.exact(0, load(m(5), NAN, NAN, NAN).eval(k("changes"), m(15), m(20)));
        Approx.exact(2, load(m(5), 0, NAN, 0).eval(k("changes"), m(15), m(20)));
    }

    @Test
    void registry() {
        assertNull(RangeKernels.forFunction("absent_over_time"));
        assertNull(RangeKernels.forFunction("abs"));
        assertEquals(26, RangeKernels.names().size());
        for (String name : RangeKernels.names()) {
            RangeKernel kernel = RangeKernels.forFunction(name);
            assertEquals(
                    name.equals("rate")
                                    || name.equals("increase")
                                    || name.equals("delta")
                                    || name.equals("irate")
                                    || name.equals("idelta")
                                    || name.equals("deriv")
                                    || name.equals("predict_linear")
                                    || name.equals("double_exponential_smoothing")
                            ? 2
                            : 1,
                    kernel.minSamples(),
                    name);
        }
    }
}
