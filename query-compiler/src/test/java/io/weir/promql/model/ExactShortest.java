package io.weir.promql.model;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * The formatter as it was before {@link ShortestDecimal}: Java's {@link Double#toString} digits,
 * shortened with an exact {@link BigDecimal} search over the double's rounding interval. Slow
 * (about 2-4 µs a value) but plainly correct, so the tests and the benchmark use it as the oracle
 * for {@link GoFloatFormat}.
 */
final class ExactShortest {
    private ExactShortest() {}

    /**
     * Go's {@code FormatFloat(v, 'f', -1, 64)}: no exponent, e.g. {@code 0.0000001}, {@code +Inf}.
     */
    public static String formatF(double v) {
        StringBuilder sb = new StringBuilder(24);
        appendF(sb, v);
        return sb.toString();
    }

    /** Go's {@code FormatFloat(v, 'e', -1, 64)}, e.g. {@code 1e-07}, {@code 1.5e+21}. */
    public static String formatE(double v) {
        StringBuilder sb = new StringBuilder(24);
        appendE(sb, v);
        return sb.toString();
    }

    /**
     * Go's {@code FormatFloat(v, 'g', -1, 64)}: {@code 'e'} style when the decimal exponent is
     * below -4 or at least 6 (Go's rule for the shortest form), e.g. {@code 1e+06}, {@code 1e-05};
     * else {@code 'f'} style, e.g. {@code 0.0001}, {@code 123456}.
     */
    public static String formatG(double v) {
        StringBuilder sb = new StringBuilder(24);
        if (special(sb, v)) {
            return sb.toString();
        }
        Decimal d = shortest(v);
        int exp = d.point - 1;
        if (exp < -4 || exp >= 6) {
            layoutE(sb, v, d);
        } else {
            layoutF(sb, v, d);
        }
        return sb.toString();
    }

    public static void appendF(StringBuilder sb, double v) {
        if (!special(sb, v)) {
            layoutF(sb, v, shortest(v));
        }
    }

    public static void appendE(StringBuilder sb, double v) {
        if (!special(sb, v)) {
            layoutE(sb, v, shortest(v));
        }
    }

    /** Writes NaN, infinities and zeros as Go does; returns whether it wrote anything. */
    private static boolean special(StringBuilder sb, double v) {
        if (Double.isNaN(v)) {
            sb.append("NaN");
        } else if (v == Double.POSITIVE_INFINITY) {
            sb.append("+Inf");
        } else if (v == Double.NEGATIVE_INFINITY) {
            sb.append("-Inf");
        } else if (v == 0) {
            // Go keeps the sign of negative zero.
            sb.append(Double.doubleToRawLongBits(v) < 0 ? "-0" : "0");
        } else {
            return false;
        }
        return true;
    }

    private static void layoutF(StringBuilder sb, double v, Decimal d) {
        if (v < 0) {
            sb.append('-');
        }
        String digits = d.digits;
        int n = digits.length();
        if (d.point <= 0) {
            sb.append("0.");
            for (int i = d.point; i < 0; i++) {
                sb.append('0');
            }
            sb.append(digits);
        } else if (d.point >= n) {
            sb.append(digits);
            for (int i = n; i < d.point; i++) {
                sb.append('0');
            }
        } else {
            sb.append(digits, 0, d.point).append('.').append(digits, d.point, n);
        }
    }

    private static void layoutE(StringBuilder sb, double v, Decimal d) {
        if (v < 0) {
            sb.append('-');
        }
        sb.append(d.digits.charAt(0));
        if (d.digits.length() > 1) {
            sb.append('.').append(d.digits, 1, d.digits.length());
        }
        int exp = d.point - 1;
        sb.append('e').append(exp < 0 ? '-' : '+');
        int abs = Math.abs(exp);
        if (abs < 10) {
            sb.append('0');
        }
        sb.append(abs);
    }

    /**
     * A positive decimal {@code 0.digits × 10^point}; {@code digits} has no leading or trailing
     * zeros.
     */
    record Decimal(String digits, int point) {}

    /** The shortest decimal that reads back as {@code |v|}; {@code v} finite and non-zero. */
    static Decimal shortest(double v) {
        double a = Math.abs(v);
        if (a < 9.007199254740992E15 && a == Math.rint(a)) {
            // Integers below 2^53: their own digits are shortest (the rounding interval is at
            // most one wide, and dropping a non-zero last digit moves the value by at least one).
            return strip(Long.toString((long) a), Long.toString((long) a).length());
        }
        Decimal candidate = fromJavaString(Double.toString(a));
        if (candidate.digits.length() <= 15 && a >= Double.MIN_NORMAL) {
            // Two different decimals of at most 15 digits never read back as the same normal
            // double (subnormals have fewer bits, so they take the exact path).
            return candidate;
        }
        return shorten(a, candidate.digits.length());
    }

    /** Parses Java's {@code 1.2345E-5} or {@code 123.45} into digits and point. */
    private static Decimal fromJavaString(String s) {
        int e = s.indexOf('E');
        String mantissa = e < 0 ? s : s.substring(0, e);
        int exp = e < 0 ? 0 : Integer.parseInt(s.substring(e + 1));
        int dot = mantissa.indexOf('.');
        String digits = mantissa.substring(0, dot) + mantissa.substring(dot + 1);
        return strip(digits, dot + exp);
    }

    /** Removes leading and trailing zeros, keeping the value. */
    private static Decimal strip(String digits, int point) {
        int start = 0;
        while (start < digits.length() - 1 && digits.charAt(start) == '0') {
            start++;
            point--;
        }
        int end = digits.length();
        while (end > start + 1 && digits.charAt(end - 1) == '0') {
            end--;
        }
        return new Decimal(digits.substring(start, end), point);
    }

    /** Exact search: the shortest, then closest, decimal inside the rounding interval of a. */
    private static Decimal shorten(double a, int maxDigits) {
        BigDecimal exact = new BigDecimal(a);
        BigDecimal below = new BigDecimal(Math.nextDown(a));
        BigDecimal half = new BigDecimal("0.5");
        BigDecimal lo = exact.add(below).multiply(half);
        BigDecimal hi =
                Double.isInfinite(Math.nextUp(a))
                        ? exact.add(exact.subtract(below).multiply(half))
                        : exact.add(new BigDecimal(Math.nextUp(a))).multiply(half);
        // Round-half-even reading: an even mantissa owns the interval's ends.
        boolean inclusive = (Double.doubleToRawLongBits(a) & 1) == 0;
        BigDecimal best = closestWithin(exact, maxDigits, lo, hi, inclusive);
        if (best == null) {
            // Cannot happen for a correct Double.toString; fall back to 17 digits.
            best = exact.round(new MathContext(17, RoundingMode.HALF_EVEN));
        }
        for (int p = maxDigits - 1; p >= 1; p--) {
            BigDecimal c = closestWithin(exact, p, lo, hi, inclusive);
            if (c == null) {
                break;
            }
            best = c;
        }
        BigDecimal s = best.stripTrailingZeros();
        String digits = s.unscaledValue().toString();
        return new Decimal(digits, digits.length() - s.scale());
    }

    private static BigDecimal closestWithin(
            BigDecimal exact, int digits, BigDecimal lo, BigDecimal hi, boolean inclusive) {
        BigDecimal nearest = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
        if (within(nearest, lo, hi, inclusive)) {
            return nearest;
        }
        // The nearest may fall outside an asymmetric interval while the other neighbour is in.
        BigDecimal down = exact.round(new MathContext(digits, RoundingMode.DOWN));
        BigDecimal up = exact.round(new MathContext(digits, RoundingMode.UP));
        BigDecimal other = nearest.compareTo(down) == 0 ? up : down;
        return within(other, lo, hi, inclusive) ? other : null;
    }

    private static boolean within(BigDecimal x, BigDecimal lo, BigDecimal hi, boolean inclusive) {
        int a = x.compareTo(lo);
        int b = x.compareTo(hi);
        return inclusive ? a >= 0 && b <= 0 : a > 0 && b < 0;
    }
}
