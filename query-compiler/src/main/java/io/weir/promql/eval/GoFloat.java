package io.weir.promql.eval;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** Formats floats the way Prometheus (Go's strconv) prints them in labels and messages. */
final class GoFloat {
    private GoFloat() {}

    /**
     * The shortest decimal that reads back as {@code v}, the closest one among equals (what Go
     * prints); found by rounding the exact value to ever more digits, because Double.toString on
     * Java 17 is not always the shortest.
     */
    static BigDecimal shortest(double v) {
        BigDecimal exact = new BigDecimal(v);
        for (int digits = 1; digits < 17; digits++) {
            BigDecimal r = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
            if (r.doubleValue() == v) {
                return r.stripTrailingZeros();
            }
        }
        return exact.round(new MathContext(17, RoundingMode.HALF_EVEN)).stripTrailingZeros();
    }

    /** Go's {@code FormatFloat(v, 'f', -1, 64)}: shortest round-trip digits, no exponent. */
    static String formatPlain(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == 0) {
            return (1 / v) < 0 ? "-0" : "0";
        }
        BigDecimal d = shortest(v);
        return d.toPlainString();
    }

    /** Go's {@code %v} of a float64 ({@code FormatFloat(v, 'g', -1, 64)}). */
    static String formatG(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == 0) {
            return (1 / v) < 0 ? "-0" : "0";
        }
        BigDecimal d = shortest(v);
        String digits = d.unscaledValue().abs().toString();
        int exp = digits.length() - 1 - d.scale();
        // Go switches to the exponent form outside [1e-4, 1e6) for the shortest formatting.
        if (exp < -4 || exp >= 6) {
            StringBuilder sb = new StringBuilder();
            if (v < 0) {
                sb.append('-');
            }
            sb.append(digits.charAt(0));
            if (digits.length() > 1) {
                sb.append('.').append(digits, 1, digits.length());
            }
            sb.append('e').append(exp < 0 ? '-' : '+');
            int ae = Math.abs(exp);
            if (ae < 10) {
                sb.append('0');
            }
            sb.append(ae);
            return sb.toString();
        }
        return d.toPlainString();
    }

    /** Go's {@code %.<precision>g}: at most that many significant digits, no trailing zeros. */
    static String formatG(double v, int precision) {
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
