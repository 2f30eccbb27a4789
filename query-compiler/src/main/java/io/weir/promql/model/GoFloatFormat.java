package io.weir.promql.model;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Formats doubles exactly as Go's {@code strconv.FormatFloat(v, fmt, -1, 64)} does: the shortest
 * decimal that reads back as the same double (the closest such decimal when several exist), laid
 * out in Go's {@code 'f'}, {@code 'e'} or {@code 'g'} style. Prometheus writes values this way in
 * its API responses and label values; byte-for-byte equal output needs the same digits.
 *
 * <p>The digits come from {@link ShortestDecimal} as a {@code long} and are written straight into
 * the builder: no {@code BigDecimal} and no intermediate {@code String}. (Java 17's {@link
 * Double#toString} is not always the shortest, JDK-4511638, so it cannot serve.)
 */
public final class GoFloatFormat {
    /** 10^0 to 10^18: every power below the largest significand's 17 digits. */
    private static final long[] POWERS_OF_TEN = new long[19];

    static {
        POWERS_OF_TEN[0] = 1;
        for (int i = 1; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10;
        }
    }

    private GoFloatFormat() {}

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
        append(sb, v, Style.G);
        return sb.toString();
    }

    public static void appendF(StringBuilder sb, double v) {
        append(sb, v, Style.F);
    }

    public static void appendE(StringBuilder sb, double v) {
        append(sb, v, Style.E);
    }

    private enum Style {
        F,
        E,
        G
    }

    private static void append(StringBuilder sb, double v, Style style) {
        if (special(sb, v, style)) {
            return;
        }
        if (v < 0) {
            sb.append('-');
        }
        double a = Math.abs(v);
        long digits = ShortestDecimal.significand(a);
        int exponent = ShortestDecimal.exponent(a);
        while (digits % 10 == 0) {
            digits /= 10;
            exponent++;
        }
        int n = digitCount(digits);
        // The value is 0.<digits> x 10^point.
        int point = n + exponent;
        boolean e =
                switch (style) {
                    case F -> false;
                    case E -> true;
                    case G -> point - 1 < -4 || point - 1 >= 6;
                };
        if (e) {
            layoutE(sb, digits, n, point);
        } else {
            layoutF(sb, digits, n, point);
        }
    }

    /** Writes NaN, infinities and zeros as Go does; returns whether it wrote anything. */
    private static boolean special(StringBuilder sb, double v, Style style) {
        if (Double.isNaN(v)) {
            sb.append("NaN");
        } else if (v == Double.POSITIVE_INFINITY) {
            sb.append("+Inf");
        } else if (v == Double.NEGATIVE_INFINITY) {
            sb.append("-Inf");
        } else if (v == 0) {
            // Go keeps the sign of negative zero, and gives it an exponent in 'e' style.
            sb.append(Double.doubleToRawLongBits(v) < 0 ? "-0" : "0");
            if (style == Style.E) {
                sb.append("e+00");
            }
        } else {
            return false;
        }
        return true;
    }

    /** {@code n} digits without trailing zeros, worth {@code 0.digits x 10^point}. */
    private static void layoutF(StringBuilder sb, long digits, int n, int point) {
        if (point <= 0) {
            sb.append("0.");
            zeros(sb, -point);
            sb.append(digits);
        } else if (point >= n) {
            sb.append(digits);
            zeros(sb, point - n);
        } else {
            long unit = POWERS_OF_TEN[n - point];
            long fraction = digits % unit;
            sb.append(digits / unit).append('.');
            // The fraction's leading zeros, which the long does not carry.
            zeros(sb, n - point - digitCount(fraction));
            sb.append(fraction);
        }
    }

    private static void layoutE(StringBuilder sb, long digits, int n, int point) {
        if (n == 1) {
            sb.append((char) ('0' + digits));
        } else {
            long unit = POWERS_OF_TEN[n - 1];
            long rest = digits % unit;
            sb.append((char) ('0' + digits / unit)).append('.');
            zeros(sb, n - 1 - digitCount(rest));
            sb.append(rest);
        }
        int exp = point - 1;
        sb.append('e').append(exp < 0 ? '-' : '+');
        int abs = Math.abs(exp);
        if (abs < 10) {
            sb.append('0');
        }
        sb.append(abs);
    }

    private static void zeros(StringBuilder sb, int count) {
        for (int i = 0; i < count; i++) {
            sb.append('0');
        }
    }

    /** The number of decimal digits of {@code x}, which is positive. */
    private static int digitCount(long x) {
        // floor(log10(2^bits)) from the bit length, then one comparison to correct it.
        int guess = ((64 - Long.numberOfLeadingZeros(x)) * 1233) >>> 12;
        return x >= POWERS_OF_TEN[guess] ? guess + 1 : guess;
    }

    /**
     * Go's {@code FormatFloat(v, 'g', precision, 64)}: {@code precision} significant digits, as
     * Prometheus's {@code %.2g} in annotation messages.
     */
    public static String formatG(double v, int precision) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == 0) {
            return (1 / v) < 0 ? "-0" : "0";
        }
        BigDecimal d =
                new BigDecimal(v)
                        .round(new MathContext(precision, RoundingMode.HALF_EVEN))
                        .stripTrailingZeros();
        String digits = d.unscaledValue().abs().toString();
        int nd = digits.length();
        int dp = nd - d.scale(); // value = 0.digits x 10^dp
        int eprec = precision;
        if (eprec > nd && nd >= dp) {
            eprec = nd;
        }
        int exp = dp - 1;
        StringBuilder sb = new StringBuilder();
        if (v < 0) {
            sb.append('-');
        }
        if (exp < -4 || exp >= eprec) {
            sb.append(digits.charAt(0));
            if (nd > 1) {
                sb.append('.').append(digits, 1, nd);
            }
            sb.append('e').append(exp < 0 ? '-' : '+');
            int ae = Math.abs(exp);
            if (ae < 10) {
                sb.append('0');
            }
            return sb.append(ae).toString();
        }
        return sb.append(d.abs().toPlainString()).toString();
    }
}
