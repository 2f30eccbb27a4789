package io.weir.promql.conformance;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The small lexical pieces of the test-script language: durations as the scripts write them,
 * numbers as the scripts' Go implementation reads them, and quoted strings with Go escapes.
 */
final class ScriptSyntax {
    private static final Pattern DURATION =
            Pattern.compile(
                    "^(?:([0-9]+)y)?(?:([0-9]+)w)?(?:([0-9]+)d)?(?:([0-9]+)h)?(?:([0-9]+)m)?"
                            + "(?:([0-9]+)s)?(?:([0-9]+)ms)?$");
    private static final long[] UNIT_MILLIS = {
        365L * 24 * 3_600_000, 7L * 24 * 3_600_000, 24L * 3_600_000, 3_600_000, 60_000, 1000, 1
    };

    private ScriptSyntax() {}

    /**
     * Parses a duration such as {@code 1m30s}, {@code 0} or {@code 10s53ms} into milliseconds:
     * units from years down to milliseconds, each at most once, in that order, no sign.
     */
    static long parseDuration(String s) {
        if (s.equals("0")) {
            return 0;
        }
        if (s.isEmpty()) {
            throw new IllegalArgumentException("empty duration string");
        }
        Matcher m = DURATION.matcher(s);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a valid duration string: \"" + s + "\"");
        }
        long total = 0;
        for (int g = 1; g <= 7; g++) {
            String part = m.group(g);
            if (part != null) {
                total =
                        Math.addExact(
                                total,
                                Math.multiplyExact(Long.parseLong(part), UNIT_MILLIS[g - 1]));
            }
        }
        return total;
    }

    /**
     * Parses a number as the scripts do: first as a Go integer literal (decimal, {@code 0x} hex,
     * {@code 0o}/leading-zero octal, {@code 0b} binary, with an optional sign), else as a Go float
     * ({@code 1e3}, {@code .5}, {@code Inf}, {@code -Inf}, {@code NaN}, hex floats).
     *
     * @throws NumberFormatException when the text is no number
     */
    static double parseNumber(String s) {
        Long asInt = parseGoInt(s);
        if (asInt != null) {
            return asInt;
        }
        return parseGoFloat(s);
    }

    private static Long parseGoInt(String s) {
        String t = s;
        boolean negative = false;
        if (t.startsWith("+") || t.startsWith("-")) {
            negative = t.charAt(0) == '-';
            t = t.substring(1);
        }
        int radix = 10;
        String lower = t.toLowerCase(Locale.ROOT);
        if (lower.startsWith("0x")) {
            radix = 16;
            t = t.substring(2);
        } else if (lower.startsWith("0o")) {
            radix = 8;
            t = t.substring(2);
        } else if (lower.startsWith("0b")) {
            radix = 2;
            t = t.substring(2);
        } else if (t.length() > 1 && t.charAt(0) == '0') {
            radix = 8;
            t = t.substring(1);
        }
        if (!validDigitsWithUnderscores(t, radix)) {
            return null;
        }
        try {
            long v = Long.parseLong(t.replace("_", ""), radix);
            return negative ? -v : v;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static boolean validDigitsWithUnderscores(String t, int radix) {
        if (t.isEmpty() || t.startsWith("_") || t.endsWith("_") || t.contains("__")) {
            return false;
        }
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c != '_' && Character.digit(c, radix) < 0) {
                return false;
            }
        }
        return true;
    }

    private static double parseGoFloat(String s) {
        String t = s;
        String sign = "";
        if (t.startsWith("+") || t.startsWith("-")) {
            sign = t.substring(0, 1);
            t = t.substring(1);
        }
        String lower = t.toLowerCase(Locale.ROOT);
        if (lower.equals("inf") || lower.equals("infinity")) {
            return sign.equals("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (lower.equals("nan") && sign.isEmpty()) {
            return Double.NaN;
        }
        if (lower.startsWith("0x")) {
            // Go hex floats need a 'p' exponent, as Java's do.
            if (!lower.contains("p")) {
                throw new NumberFormatException("not a number: " + s);
            }
            return Double.parseDouble(sign + t.replace("_", ""));
        }
        if (!isDecimalFloat(t)) {
            throw new NumberFormatException("not a number: " + s);
        }
        return Double.parseDouble(sign + t.replace("_", ""));
    }

    /** digits [. digits] [e [+-] digits], at least one mantissa digit; no Java suffixes. */
    private static boolean isDecimalFloat(String t) {
        int i = 0;
        int n = t.length();
        int mantissaDigits = 0;
        while (i < n && (Character.isDigit(t.charAt(i)) || t.charAt(i) == '_')) {
            mantissaDigits += t.charAt(i) == '_' ? 0 : 1;
            i++;
        }
        if (i < n && t.charAt(i) == '.') {
            i++;
            while (i < n && (Character.isDigit(t.charAt(i)) || t.charAt(i) == '_')) {
                mantissaDigits += t.charAt(i) == '_' ? 0 : 1;
                i++;
            }
        }
        if (mantissaDigits == 0) {
            return false;
        }
        if (i < n && (t.charAt(i) == 'e' || t.charAt(i) == 'E')) {
            i++;
            if (i < n && (t.charAt(i) == '+' || t.charAt(i) == '-')) {
                i++;
            }
            int expDigits = 0;
            while (i < n && Character.isDigit(t.charAt(i))) {
                expDigits++;
                i++;
            }
            if (expDigits == 0) {
                return false;
            }
        }
        return i == n;
    }

    /**
     * Removes the quotes of a string literal written with double quotes, single quotes or
     * backticks, resolving Go escapes in the first two ({@code \n}, {@code \xHH}, {@code \u2603},
     * octal, ...). Escaped bytes that do not form UTF-8 become U+FFFD.
     */
    static String unquote(String quoted) {
        if (quoted.length() < 2) {
            throw new IllegalArgumentException("not a quoted string: " + quoted);
        }
        char q = quoted.charAt(0);
        if ((q != '"' && q != '\'' && q != '`') || quoted.charAt(quoted.length() - 1) != q) {
            throw new IllegalArgumentException("not a quoted string: " + quoted);
        }
        String body = quoted.substring(1, quoted.length() - 1);
        if (q == '`') {
            if (body.indexOf('`') >= 0) {
                throw new IllegalArgumentException("backtick inside a raw string: " + quoted);
            }
            return body.replace("\r", "");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < body.length()) {
            char c = body.charAt(i);
            if (c == q || c == '\n') {
                throw new IllegalArgumentException("unescaped quote or newline in " + quoted);
            }
            if (c != '\\') {
                int cp = body.codePointAt(i);
                writeUtf8(out, cp);
                i += Character.charCount(cp);
                continue;
            }
            if (i + 1 >= body.length()) {
                throw new IllegalArgumentException("dangling escape in " + quoted);
            }
            char e = body.charAt(i + 1);
            i += 2;
            switch (e) {
                case 'a' -> out.write(7);
                case 'b' -> out.write(8);
                case 'f' -> out.write(12);
                case 'n' -> out.write('\n');
                case 'r' -> out.write('\r');
                case 't' -> out.write('\t');
                case 'v' -> out.write(11);
                case '\\', '\'', '"' -> out.write(e);
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
                case '0', '1', '2', '3', '4', '5', '6', '7' -> {
                    out.write(Integer.parseInt(body.substring(i - 1, i + 2), 8));
                    i += 2;
                }
                default ->
                        throw new IllegalArgumentException(
                                "unknown escape \\" + e + " in " + quoted);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static void writeUtf8(ByteArrayOutputStream out, int codePoint) {
        byte[] b = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8);
        out.write(b, 0, b.length);
    }
}
