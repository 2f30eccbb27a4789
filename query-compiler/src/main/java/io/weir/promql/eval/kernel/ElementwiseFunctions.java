package io.weir.promql.eval.kernel;

import java.util.Map;
import java.util.Set;
import java.util.function.DoubleUnaryOperator;

/**
 * The functions that map each float sample on its own: math, trigonometry and the calendar
 * functions (which read a value as unix seconds, UTC), plus the clamp family and {@code round},
 * which take scalar arguments.
 */
public final class ElementwiseFunctions {
    // 1/ln(10) rounded once, as Go's constant expression 1/math.Ln10 is.
    private static final double INV_LN10 = 0.4342944819032518;
    private static final double LN2 = 0.6931471805599453;

    private static final Map<String, DoubleUnaryOperator> FUNCTIONS =
            Map.ofEntries(
                    Map.entry("abs", Math::abs),
                    Map.entry("ceil", Math::ceil),
                    Map.entry("floor", Math::floor),
                    Map.entry("exp", Math::exp),
                    Map.entry("sqrt", Math::sqrt),
                    Map.entry("ln", ElementwiseFunctions::ln),
                    Map.entry("log2", ElementwiseFunctions::log2),
                    Map.entry("log10", v -> ln(v) * INV_LN10),
                    Map.entry("sgn", ElementwiseFunctions::sgn),
                    Map.entry("sin", Math::sin),
                    Map.entry("cos", Math::cos),
                    Map.entry("tan", Math::tan),
                    Map.entry("asin", Math::asin),
                    Map.entry("acos", Math::acos),
                    Map.entry("atan", Math::atan),
                    Map.entry("sinh", Math::sinh),
                    Map.entry("cosh", Math::cosh),
                    Map.entry("tanh", Math::tanh),
                    Map.entry("asinh", Hyperbolic::asinh),
                    Map.entry("acosh", Hyperbolic::acosh),
                    Map.entry("atanh", Hyperbolic::atanh),
                    Map.entry("deg", v -> v * 180 / Math.PI),
                    Map.entry("rad", v -> v * Math.PI / 180),
                    Map.entry("day_of_month", CalendarFunctions::dayOfMonth),
                    Map.entry("day_of_week", CalendarFunctions::dayOfWeek),
                    Map.entry("day_of_year", CalendarFunctions::dayOfYear),
                    Map.entry("days_in_month", CalendarFunctions::daysInMonth),
                    Map.entry("hour", CalendarFunctions::hour),
                    Map.entry("minute", CalendarFunctions::minute),
                    Map.entry("month", CalendarFunctions::month),
                    Map.entry("year", CalendarFunctions::year));

    private ElementwiseFunctions() {}

    /** The element-wise function called {@code name}, or null if there is none by that name. */
    public static DoubleUnaryOperator forFunction(String name) {
        return FUNCTIONS.get(name);
    }

    /** Every name {@link #forFunction} knows. */
    public static Set<String> names() {
        return FUNCTIONS.keySet();
    }

    /**
     * {@code clamp(v, min, max)}. Only meaningful when {@link #clampHasOutput} holds; Prometheus
     * returns an empty vector otherwise.
     */
    public static double clamp(double v, double min, double max) {
        return goMax(min, goMin(max, v));
    }

    /**
     * Go's {@code math.Max}: unlike {@link Math#max}, an infinity wins over NaN, so that for
     * example {@code clamp(NaN, +Inf, +Inf)} is {@code +Inf} as in Prometheus.
     */
    static double goMax(double x, double y) {
        if (x == Double.POSITIVE_INFINITY || y == Double.POSITIVE_INFINITY) {
            return Double.POSITIVE_INFINITY;
        }
        return Math.max(x, y);
    }

    /** Go's {@code math.Min}: -Inf wins over NaN. */
    static double goMin(double x, double y) {
        if (x == Double.NEGATIVE_INFINITY || y == Double.NEGATIVE_INFINITY) {
            return Double.NEGATIVE_INFINITY;
        }
        return Math.min(x, y);
    }

    /** False when {@code min > max}: then {@code clamp} drops every sample. */
    public static boolean clampHasOutput(double min, double max) {
        // Written as Prometheus's "max < min" test, so NaN bounds produce output (NaN).
        return !(max < min);
    }

    /** {@code clamp_min(v, min)}: always produces output. */
    public static double clampMin(double v, double min) {
        return clamp(v, min, Double.POSITIVE_INFINITY);
    }

    /** {@code clamp_max(v, max)}: always produces output. */
    public static double clampMax(double v, double max) {
        return clamp(v, Double.NEGATIVE_INFINITY, max);
    }

    /**
     * {@code round(v, toNearest)}: ties round up (towards +Inf). Computed through the inverse of
     * {@code toNearest} as Prometheus does, which keeps results such as {@code round(x, 0.1)} on
     * the closest double; a negative {@code toNearest} can therefore yield {@code -0}.
     */
    public static double round(double v, double toNearest) {
        double inverse = 1.0 / toNearest;
        return Math.floor(v * inverse + 0.5) / inverse;
    }

    /**
     * The natural logarithm as Prometheus on amd64 computes it. Go's assembly logarithm there reads
     * a subnormal input's bits as if its exponent were that of the smallest normal numbers (so
     * {@code ln(1e-320)} comes out near -709.09 instead of -736.83); that is reproduced here to
     * within rounding. Normal inputs agree with Go to an ulp or two.
     */
    static double ln(double x) {
        if (x > 0 && x < Double.MIN_NORMAL) {
            long mantissa = Double.doubleToRawLongBits(x) & 0x000F_FFFF_FFFF_FFFFL;
            double f1 = Double.longBitsToDouble(mantissa | 0x3FE0_0000_0000_0000L);
            return StrictMath.log(f1) - 1022 * LN2;
        }
        // StrictMath's logarithm is the same classic algorithm as Go's and agrees more often
        // to the last bit than the intrinsic one.
        return StrictMath.log(x);
    }

    /** -1, 1, or the value itself for zeros and NaN. */
    static double sgn(double v) {
        if (v < 0) {
            return -1;
        }
        if (v > 0) {
            return 1;
        }
        return v;
    }

    /**
     * Base-2 logarithm, exact for powers of two: the binary exponent plus the logarithm of the
     * mantissa in [0.5, 1).
     */
    static double log2(double x) {
        if (Double.isNaN(x) || x < 0) {
            return Double.NaN;
        }
        if (x == 0) {
            return Double.NEGATIVE_INFINITY;
        }
        if (Double.isInfinite(x)) {
            return x;
        }
        int shift = 0;
        if (x < Double.MIN_NORMAL) {
            x *= 0x1p52;
            shift = 52;
        }
        int exp = Math.getExponent(x) + 1;
        double frac = Math.scalb(x, -exp);
        if (frac == 0.5) {
            return exp - 1 - shift;
        }
        return StrictMath.log(frac) * (1 / LN2) + (exp - shift);
    }
}
