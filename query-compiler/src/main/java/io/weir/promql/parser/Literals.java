package io.weir.promql.parser;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Decodes the text of number, duration and string tokens the way Prometheus does (Go's {@code
 * strconv.ParseInt(s, 0, 64)} then {@code ParseFloat}, {@code model.ParseDuration}, Go unquoting).
 * Decoders throw {@link LiteralException} with Prometheus's message.
 */
final class Literals {
    static final long NANOS_PER_MILLI = 1_000_000L;
    private static final long MS = 1L;
    private static final long[] UNIT_MILLIS = {
        365L * 24 * 3600 * 1000,
        7L * 24 * 3600 * 1000,
        24L * 3600 * 1000,
        3600L * 1000,
        60L * 1000,
        1000L,
        MS
    };

    /** 2^63 nanoseconds in seconds: Go's time.Duration limit. */
    private static final double MAX_DURATION_SECONDS = 0x1p63 / 1e9;

    private static final String[] UNITS = {"y", "w", "d", "h", "m", "s", "ms"};

    private Literals() {}

    /** An invalid literal; the message is Prometheus's. */
    static final class LiteralException extends Exception {
        private static final long serialVersionUID = 1L;

        LiteralException(String message) {
            super(message);
        }
    }

    /** The value of a NUMBER token. */
    static double parseNumber(String text) throws LiteralException {
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.equals("inf")) {
            return Double.POSITIVE_INFINITY;
        }
        if (lower.equals("nan")) {
            return Double.NaN;
        }
        Long asInt = parseGoInt(text);
        if (asInt != null) {
            return (double) asInt;
        }
        if (text.indexOf('_') >= 0 || lower.startsWith("0x")) {
            throw new LiteralException(floatError(text, "invalid syntax"));
        }
        double v;
        try {
            v = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new LiteralException(floatError(text, "invalid syntax"));
        }
        if (Double.isInfinite(v)) {
            throw new LiteralException(floatError(text, "value out of range"));
        }
        return v;
    }

    private static String floatError(String text, String why) {
        return "error parsing number: strconv.ParseFloat: parsing "
                + Quoting.quote(text)
                + ": "
                + why;
    }

    /** Go's ParseInt with base 0 (prefixes 0x, 0o, 0b and a leading 0 for octal); null if not. */
    private static Long parseGoInt(String s) {
        int radix = 10;
        String digits = s;
        String lower = s.toLowerCase(Locale.ROOT);
        boolean prefixed = false;
        if (lower.startsWith("0x")) {
            radix = 16;
            digits = s.substring(2);
            prefixed = true;
        } else if (lower.startsWith("0o")) {
            radix = 8;
            digits = s.substring(2);
            prefixed = true;
        } else if (lower.startsWith("0b")) {
            radix = 2;
            digits = s.substring(2);
            prefixed = true;
        } else if (s.length() > 1 && s.charAt(0) == '0') {
            radix = 8;
            digits = s.substring(1);
            prefixed = true;
        }
        if (!underscoresOk(digits, prefixed)) {
            return null;
        }
        digits = digits.replace("_", "");
        if (digits.isEmpty()) {
            return null;
        }
        for (int i = 0; i < digits.length(); i++) {
            if (Character.digit(digits.charAt(i), radix) < 0) {
                return null;
            }
        }
        BigInteger v = new BigInteger(digits, radix);
        return v.bitLength() <= 63 ? v.longValue() : null;
    }

    /** Underscores only between digits, or right after a base prefix. */
    private static boolean underscoresOk(String digits, boolean prefixed) {
        char prev = prefixed ? '_' : '!';
        if (prefixed && digits.startsWith("_")) {
            prev = '0';
        }
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (c == '_') {
                if (prev == '_' || prev == '!') {
                    return false;
                }
            }
            prev = c;
        }
        return prev != '_';
    }

    /** A Prometheus duration such as {@code 1h30m}, in milliseconds. */
    static long parseDuration(String s) throws LiteralException {
        if (s.equals("0")) {
            return 0;
        }
        if (s.isEmpty()) {
            throw new LiteralException("empty duration string");
        }
        String invalid = "not a valid duration string: " + Quoting.quote(s);
        int lastUnit = -1;
        long total = 0;
        int i = 0;
        while (i < s.length()) {
            int digitsStart = i;
            while (i < s.length() && PromqlLexer.isDigit(s.charAt(i))) {
                i++;
            }
            if (i == digitsStart) {
                throw new LiteralException(invalid);
            }
            BigInteger v = new BigInteger(s.substring(digitsStart, i));
            int unitStart = i;
            while (i < s.length() && !PromqlLexer.isDigit(s.charAt(i))) {
                i++;
            }
            if (i == unitStart) {
                throw new LiteralException(invalid);
            }
            String unit = s.substring(unitStart, i);
            int u = indexOfUnit(unit);
            if (u < 0) {
                throw new LiteralException(
                        "unknown unit " + Quoting.quote(unit) + " in duration " + Quoting.quote(s));
            }
            if (u <= lastUnit) {
                throw new LiteralException(invalid);
            }
            lastUnit = u;
            BigInteger nanos =
                    v.multiply(BigInteger.valueOf(UNIT_MILLIS[u] * NANOS_PER_MILLI))
                            .add(
                                    BigInteger.valueOf(total)
                                            .multiply(BigInteger.valueOf(NANOS_PER_MILLI)));
            if (nanos.bitLength() > 63) {
                throw new LiteralException("duration out of range");
            }
            total = nanos.longValue() / NANOS_PER_MILLI;
        }
        return total;
    }

    private static int indexOfUnit(String unit) {
        for (int u = 0; u < UNITS.length; u++) {
            if (UNITS[u].equals(unit)) {
                return u;
            }
        }
        return -1;
    }

    /** Seconds as Go's {@code time.Duration.Seconds()} computes them from milliseconds. */
    static double millisToSeconds(long millis) {
        long sec = millis / 1000;
        long nanos = (millis % 1000) * NANOS_PER_MILLI;
        return (double) sec + (double) nanos / 1e9;
    }

    /** Seconds (a number literal used as a duration) to milliseconds, as Prometheus rounds them. */
    static long secondsToMillis(double seconds) {
        double nanos = seconds * 1e9;
        double rounded = Math.signum(nanos) * Math.floor(Math.abs(nanos) + 0.5);
        return (long) rounded / NANOS_PER_MILLI;
    }

    /** Whether seconds overflow Go's nanosecond durations. */
    static boolean durationOutOfRange(double seconds) {
        return seconds > MAX_DURATION_SECONDS || seconds < -MAX_DURATION_SECONDS;
    }

    /** The value of a STRING token (with its quotes): Go escapes resolved, raw strings verbatim. */
    static String unquote(String token) {
        char q = token.charAt(0);
        String body = token.substring(1, token.length() - 1);
        if (q == '`' || body.indexOf('\\') < 0) {
            return body;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length());
        int i = 0;
        while (i < body.length()) {
            int cp = body.codePointAt(i);
            i += Character.charCount(cp);
            if (cp != '\\') {
                writeUtf8(out, cp);
                continue;
            }
            char e = body.charAt(i++);
            switch (e) {
                case 'a' -> out.write(7);
                case 'b' -> out.write('\b');
                case 'f' -> out.write('\f');
                case 'n' -> out.write('\n');
                case 'r' -> out.write('\r');
                case 't' -> out.write('\t');
                case 'v' -> out.write(11);
                case 'x' -> {
                    out.write(Integer.parseInt(body.substring(i, i + 2), 16));
                    i += 2;
                }
                case 'u' -> {
                    writeUtf8(out, Integer.parseInt(body.substring(i, i + 4), 16));
                    i += 4;
                }
                case 'U' -> {
                    writeUtf8(out, Integer.parseInt(body.substring(i, i + 8), 16));
                    i += 8;
                }
                default -> {
                    if (e >= '0' && e <= '7') {
                        out.write(Integer.parseInt(body.substring(i - 1, i + 2), 8));
                        i += 2;
                    } else {
                        writeUtf8(out, e); // \\ and the escaped quote
                    }
                }
            }
        }
        return decodeUtf8(out.toByteArray());
    }

    /**
     * Decodes UTF-8, keeping each byte of an invalid sequence as the lone surrogate {@code U+DC00 +
     * byte} (as Python's "surrogateescape" does): Go strings may hold invalid UTF-8 (e.g. {@code
     * "\xff"}), and Prometheus reports such label names as invalid rather than replacing them.
     */
    static String decodeUtf8(byte[] bytes) {
        StringBuilder sb = new StringBuilder(bytes.length);
        int i = 0;
        while (i < bytes.length) {
            int b0 = bytes[i] & 0xFF;
            int len;
            int min;
            int cp;
            if (b0 < 0x80) {
                sb.append((char) b0);
                i++;
                continue;
            } else if (b0 >= 0xC2 && b0 <= 0xDF) {
                len = 2;
                min = 0x80;
                cp = b0 & 0x1F;
            } else if (b0 >= 0xE0 && b0 <= 0xEF) {
                len = 3;
                min = 0x800;
                cp = b0 & 0x0F;
            } else if (b0 >= 0xF0 && b0 <= 0xF4) {
                len = 4;
                min = 0x10000;
                cp = b0 & 0x07;
            } else {
                sb.append((char) (0xDC00 + b0));
                i++;
                continue;
            }
            boolean ok = i + len <= bytes.length;
            for (int k = 1; ok && k < len; k++) {
                int bk = bytes[i + k] & 0xFF;
                ok = (bk & 0xC0) == 0x80;
                cp = (cp << 6) | (bk & 0x3F);
            }
            ok =
                    ok
                            && cp >= min
                            && cp <= Character.MAX_CODE_POINT
                            && !(cp >= 0xD800 && cp < 0xE000);
            if (ok) {
                sb.appendCodePoint(cp);
                i += len;
            } else {
                sb.append((char) (0xDC00 + b0));
                i++;
            }
        }
        return sb.toString();
    }

    private static void writeUtf8(ByteArrayOutputStream out, int cp) {
        byte[] b = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
        out.write(b, 0, b.length);
    }
}
