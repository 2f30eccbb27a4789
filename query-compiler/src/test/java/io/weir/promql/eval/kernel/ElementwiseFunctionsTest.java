package io.weir.promql.eval.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

class ElementwiseFunctionsTest {
    private static final double INF = Double.POSITIVE_INFINITY;
    private static final double NAN = Double.NaN;

    private static double f(String name, double v) {
        DoubleUnaryOperator op = ElementwiseFunctions.forFunction(name);
        return op.applyAsDouble(v);
    }

    @Test
    void absCeilFloorRound() {
        double[] in = {2.5, 2, -2.5, -2, 0, -0.0, INF, -INF, NAN};
        double[] abs = {2.5, 2, 2.5, 2, 0, 0, INF, INF, NAN};
        double[] ceil = {3, 2, -2, -2, 0, -0.0, INF, -INF, NAN};
        double[] floor = {2, 2, -3, -2, 0, -0.0, INF, -INF, NAN};
        double[] round = {3, 2, -2, -2, 0, 0, INF, -INF, NAN};
        for (int i = 0; i < in.length; i++) {
            Approx.exact(abs[i], f("abs", in[i]));
            Approx.exact(ceil[i], f("ceil", in[i]));
            Approx.exact(floor[i], f("floor", in[i]));
            Approx.exact(round[i], ElementwiseFunctions.round(in[i], 1));
        }
    }

    @Test
    void roundHalfUpAndToNearest() {
        Approx.exact(1, ElementwiseFunctions.round(0.5, 1));
        Approx.exact(0, ElementwiseFunctions.round(-0.5, 1));
        Approx.exact(-1, ElementwiseFunctions.round(-0.8, 1));
        Approx.exact(2, ElementwiseFunctions.round(1.5, 1));
        Approx.exact(-1, ElementwiseFunctions.round(-1.5, 1));
        Approx.exact(0.1, ElementwiseFunctions.round(0.05, 0.1));
        Approx.exact(2.2, ElementwiseFunctions.round(2.15, 0.1));
        Approx.exact(5.3, ElementwiseFunctions.round(5.25, 0.1));
        Approx.exact(-5.2, ElementwiseFunctions.round(-5.25, 0.1));
        Approx.exact(-5.3, ElementwiseFunctions.round(-5.3, 0.1));
        Approx.exact(5, ElementwiseFunctions.round(2.5, 5));
        Approx.exact(10, ElementwiseFunctions.round(9, 5));
        // A rounded-away negative value comes out as +0; a negative step yields -0.
        Approx.exact(0, ElementwiseFunctions.round(-0.3, 1));
        Approx.exact(-0.0, ElementwiseFunctions.round(0.3, -1));
    }

    @Test
    void clampFamily() {
        double[] in = {-50, 0, 100};
        double[] max75 = {-50, 0, 75};
        double[] minNeg25 = {-25, 0, 100};
        double[] both = {-25, 0, 75};
        for (int i = 0; i < in.length; i++) {
            Approx.exact(max75[i], ElementwiseFunctions.clampMax(in[i], 75));
            Approx.exact(minNeg25[i], ElementwiseFunctions.clampMin(in[i], -25));
            Approx.exact(both[i], ElementwiseFunctions.clamp(in[i], -25, 75));
            Approx.exact(NAN, ElementwiseFunctions.clamp(in[i], 0, NAN));
            Approx.exact(NAN, ElementwiseFunctions.clamp(in[i], NAN, 0));
        }
        assertTrue(ElementwiseFunctions.clampHasOutput(-25, 75));
        assertTrue(ElementwiseFunctions.clampHasOutput(0, NAN));
        assertTrue(ElementwiseFunctions.clampHasOutput(3, 3));
        assertFalse(ElementwiseFunctions.clampHasOutput(5, -5));
        // Go's Max/Min let infinities win over NaN.
        Approx.exact(INF, ElementwiseFunctions.clamp(NAN, INF, INF));
        Approx.exact(-INF, ElementwiseFunctions.clampMax(NAN, -INF));
        Approx.exact(NAN, ElementwiseFunctions.clampMin(NAN, 5));
    }

    @Test
    void sgn() {
        double[] in = {-INF, INF, NAN, -50, 0, 100, -0.0};
        double[] out = {-1, 1, NAN, -1, 0, 1, -0.0};
        for (int i = 0; i < in.length; i++) {
            Approx.exact(out[i], f("sgn", in[i]));
        }
    }

    @Test
    void expLnSqrtLogs() {
        Approx.close(22026.465794806718, f("exp", 10));
        Approx.close(485165195.4097903, f("exp", 20));
        Approx.close(4.5399929762484854e-05, f("exp", -10));
        Approx.close(2.302585092994046, f("ln", 10));
        Approx.exact(-INF, f("ln", 0));
        Approx.exact(NAN, f("ln", -10));
        Approx.close(3.1622776601683795, f("sqrt", 10));
        Approx.close(3.3219280948873626, f("log2", 10));
        Approx.close(4.321928094887363, f("log2", 20));
        Approx.exact(-INF, f("log2", 0));
        Approx.exact(NAN, f("log2", -10));
        Approx.exact(INF, f("log2", INF));
        Approx.exact(3, f("log2", 8));
        Approx.exact(-1074, f("log2", Double.MIN_VALUE));
        Approx.exact(-1022, f("log2", Double.MIN_NORMAL));
        Approx.close(Math.log(3e-310) / Math.log(2), f("log2", 3e-310), 1e-12);
        Approx.exact(1, f("log10", 10));
        Approx.close(1.301029995663981, f("log10", 20));
        Approx.exact(-INF, f("log10", 0));
        // Go's amd64 logarithm misreads subnormal inputs; Prometheus shows its result.
        Approx.close(-709.0895657128236, f("ln", 1e-320), 1e-15);
        Approx.close(-307.95368556425257, f("log10", 1e-320), 1e-15);
    }

    @Test
    void trigonometry() {
        Approx.close(-0.5440211108893699, f("sin", 10));
        Approx.close(0.40808206181339196, f("cos", 20));
        Approx.close(0.6483608274590867, f("tan", 10));
        Approx.close(-0.10016742116155944, f("asin", 10 - 10.1));
        Approx.exact(NAN, f("asin", 20 - 10.1));
        Approx.close(1.670963747956456, f("acos", 10 - 10.1));
        Approx.close(1.5208379310729538, f("atan", 20));
        Approx.close(11013.232920103324, f("sinh", 10));
        Approx.close(2.4258259770489514e+08, f("cosh", 20));
        Approx.close(0.9999999958776927, f("tanh", 10));
        Approx.close(1, f("tanh", 20));
        Approx.close(2.99822295029797, f("asinh", 10));
        Approx.close(3.6895038689889055, f("asinh", 20));
        Approx.close(2.993222846126381, f("acosh", 10));
        Approx.close(3.6882538673612966, f("acosh", 20));
        Approx.close(-0.10033534773107522, f("atanh", 10 - 10.1));
        Approx.exact(NAN, f("atanh", 20 - 10.1));
        Approx.close(0.17453292519943295, f("rad", 10));
        Approx.close(-0.17453292519943295, f("rad", -10));
        Approx.close(572.9577951308232, f("deg", 10));
        Approx.close(1145.9155902616465, f("deg", 20));
        for (String name : new String[] {"sin", "asinh", "acosh", "atanh", "deg", "rad"}) {
            Approx.exact(NAN, f(name, NAN));
        }
    }

    @Test
    void inverseHyperbolicAcrossTheirRanges() {
        for (double x :
                new double[] {-1e300, -3e8, -5, -1.5, -0.3, -1e-10, 0, 1e-10, 0.7, 2.5, 1e9}) {
            Approx.close(x, Math.sinh(f("asinh", x)), 1e-12);
        }
        for (double x : new double[] {1, 1.0001, 1.5, 2, 3, 1e5, 1e10}) {
            Approx.close(x, Math.cosh(f("acosh", x)), 1e-9);
        }
        Approx.exact(NAN, f("acosh", 0.5));
        for (double x : new double[] {-0.99, -0.5, -0.1, 1e-12, 0.3, 0.5, 0.75, 0.999}) {
            Approx.close(x, Math.tanh(f("atanh", x)), 1e-12);
        }
        Approx.exact(INF, f("atanh", 1));
        Approx.exact(-INF, f("atanh", -1));
        Approx.exact(-0.0, f("asinh", -0.0));
        Approx.exact(-0.0, f("atanh", -0.0));
        Approx.exact(INF, f("asinh", INF));
        Approx.exact(INF, f("acosh", INF));
    }

    @Test
    void calendarFunctionsUtc() {
        // 2006-01-02 22:04:05 UTC, a Monday.
        double t = 1136239445;
        Approx.exact(2006, f("year", t));
        Approx.exact(1, f("month", t));
        Approx.exact(2, f("day_of_month", t));
        Approx.exact(2, f("day_of_year", t));
        Approx.exact(1, f("day_of_week", t));
        Approx.exact(22, f("hour", t));
        Approx.exact(4, f("minute", t));
        Approx.exact(31, f("days_in_month", t));
        // The epoch: Thursday 1970-01-01 00:00.
        Approx.exact(1970, f("year", 0));
        Approx.exact(4, f("day_of_week", 0));
        Approx.exact(1, f("day_of_year", 0));
        Approx.exact(2008, f("year", 1230767999));
        Approx.exact(2009, f("year", 1230768000));
        Approx.close(2.29, f("month", 1456790399) + f("day_of_month", 1456790399) / 100);
        Approx.exact(366, f("day_of_year", 1483191420));
        Approx.exact(365, f("day_of_year", 1672493820));
        Approx.exact(29, f("days_in_month", 1454284800));
        Approx.exact(28, f("days_in_month", 1485907200));
        // Before the epoch: 1969-12-31 23:59:59, a Wednesday; fractions truncate towards zero.
        Approx.exact(1969, f("year", -1));
        Approx.exact(12, f("month", -1));
        Approx.exact(31, f("day_of_month", -1));
        Approx.exact(23, f("hour", -1));
        Approx.exact(59, f("minute", -1));
        Approx.exact(3, f("day_of_week", -1));
        Approx.exact(365, f("day_of_year", -1));
        Approx.exact(1970, f("year", -0.5));
        // 2000 is a leap year, 1900 is not.
        Approx.exact(29, f("days_in_month", 951782400));
        Approx.exact(28, f("days_in_month", -2206310400.0));
        // NaN, infinities and out-of-range values become the instant 2^63 s after the epoch,
        // as Go's float-to-int conversion and wrapping date arithmetic make it in Prometheus.
        for (double odd : new double[] {NAN, INF, -INF, 1e30, -1e30}) {
            Approx.exact(292277026596.0, f("year", odd));
            Approx.exact(12, f("month", odd));
            Approx.exact(4, f("day_of_month", odd));
            Approx.exact(339, f("day_of_year", odd));
            Approx.exact(0, f("day_of_week", odd));
            Approx.exact(31, f("days_in_month", odd));
            Approx.exact(15, f("hour", odd));
            Approx.exact(30, f("minute", odd));
        }
        // The largest values that still convert: 9.2e18 s is in year 292277026596 too.
        Approx.exact(292277026596.0, f("year", 0x1p63 - 1024));
    }

    @Test
    void calendarAgreesWithJavaTimeOverManyDays() {
        for (long sec = -5_000_000_000L; sec < 5_000_000_000L; sec += 7_777_777L) {
            java.time.ZonedDateTime z =
                    java.time.Instant.ofEpochSecond(sec).atZone(java.time.ZoneOffset.UTC);
            double v = sec;
            assertEquals(z.getYear(), f("year", v), "year " + sec);
            assertEquals(z.getMonthValue(), f("month", v));
            assertEquals(z.getDayOfMonth(), f("day_of_month", v));
            assertEquals(z.getDayOfYear(), f("day_of_year", v));
            assertEquals(z.getDayOfWeek().getValue() % 7, f("day_of_week", v));
            assertEquals(z.getHour(), f("hour", v));
            assertEquals(z.getMinute(), f("minute", v));
            assertEquals(z.toLocalDate().lengthOfMonth(), f("days_in_month", v));
        }
    }

    @Test
    void registry() {
        assertNull(ElementwiseFunctions.forFunction("rate"));
        assertNull(ElementwiseFunctions.forFunction("round"));
        assertNull(ElementwiseFunctions.forFunction("clamp"));
        assertEquals(31, ElementwiseFunctions.names().size());
    }
}
