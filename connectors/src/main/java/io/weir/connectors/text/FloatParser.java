package io.weir.connectors.text;

import java.nio.charset.StandardCharsets;

/**
 * Reads a sample value as Prometheus's text parsers do (Go's {@code strconv.ParseFloat} without
 * hexadecimal floats or underscores): an optional sign, decimal digits with an optional point and
 * exponent, {@code Inf}/{@code Infinity} in any case with an optional sign, or {@code NaN} in any
 * case. Values beyond the double range are errors, as in Go.
 *
 * <p>Short decimals, the common case, are converted exactly without allocating (Clinger's fast
 * path: a mantissa below 2^53 scaled by a power of ten up to 10^22 is exact in one operation); the
 * rest go through {@link Double#parseDouble}, which rounds correctly.
 */
public final class FloatParser {
    private static final double[] POW10 = new double[23];

    static {
        double p = 1;
        for (int i = 0; i < POW10.length; i++) {
            POW10[i] = p;
            p *= 10;
        }
    }

    private FloatParser() {}

    /**
     * Parses a string, e.g. a query parameter, with the same rules.
     *
     * @throws NumberFormatException with a short reason when the text is not a valid value
     */
    public static double parse(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return parse(b, 0, b.length);
    }

    /**
     * Parses {@code b[from, to)}.
     *
     * @throws NumberFormatException with a short reason when the text is not a valid value
     */
    public static double parse(byte[] b, int from, int to) {
        int i = from;
        if (i >= to) {
            throw new NumberFormatException("empty value");
        }
        boolean neg = false;
        boolean signed = false;
        if (b[i] == '+' || b[i] == '-') {
            neg = b[i] == '-';
            signed = true;
            i++;
        }
        if (i < to && (b[i] | 0x20) == 'i') {
            if (matchesIgnoreCase(b, i, to, "inf") || matchesIgnoreCase(b, i, to, "infinity")) {
                return neg ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            }
            throw notANumber();
        }
        if (i < to && (b[i] | 0x20) == 'n') {
            if (!signed && matchesIgnoreCase(b, i, to, "nan")) {
                return Double.NaN;
            }
            throw notANumber();
        }
        long mantissa = 0;
        int significant = 0;
        int dropped = 0;
        int exp10 = 0;
        boolean anyDigit = false;
        for (; i < to && b[i] >= '0' && b[i] <= '9'; i++) {
            anyDigit = true;
            if (significant < 18) {
                mantissa = mantissa * 10 + (b[i] - '0');
                if (mantissa != 0) {
                    significant++;
                }
            } else {
                dropped++;
                exp10++;
            }
        }
        if (i < to && b[i] == '.') {
            i++;
            for (; i < to && b[i] >= '0' && b[i] <= '9'; i++) {
                anyDigit = true;
                if (significant < 18) {
                    mantissa = mantissa * 10 + (b[i] - '0');
                    if (mantissa != 0) {
                        significant++;
                    }
                    exp10--;
                } else {
                    dropped++;
                }
            }
        }
        if (!anyDigit) {
            throw notANumber();
        }
        if (i < to && (b[i] | 0x20) == 'e') {
            i++;
            boolean expNeg = false;
            if (i < to && (b[i] == '+' || b[i] == '-')) {
                expNeg = b[i] == '-';
                i++;
            }
            if (i >= to || b[i] < '0' || b[i] > '9') {
                throw notANumber();
            }
            int e = 0;
            for (; i < to && b[i] >= '0' && b[i] <= '9'; i++) {
                if (e < 100_000) {
                    e = e * 10 + (b[i] - '0');
                }
            }
            exp10 += expNeg ? -e : e;
        }
        if (i != to) {
            throw notANumber();
        }
        if (mantissa == 0 && dropped == 0) {
            return neg ? -0.0 : 0.0;
        }
        double v;
        if (dropped == 0 && mantissa < (1L << 53) && exp10 >= -22 && exp10 <= 22) {
            v = exp10 >= 0 ? mantissa * POW10[exp10] : mantissa / POW10[-exp10];
            v = neg ? -v : v;
        } else {
            v = Double.parseDouble(new String(b, from, to - from, StandardCharsets.ISO_8859_1));
        }
        if (Double.isInfinite(v)) {
            throw new NumberFormatException("value out of range");
        }
        return v;
    }

    private static boolean matchesIgnoreCase(byte[] b, int from, int to, String word) {
        if (to - from != word.length()) {
            return false;
        }
        for (int k = 0; k < word.length(); k++) {
            if ((b[from + k] | 0x20) != word.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private static NumberFormatException notANumber() {
        return new NumberFormatException("not a number");
    }
}
