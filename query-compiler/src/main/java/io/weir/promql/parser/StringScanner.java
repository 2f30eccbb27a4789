package io.weir.promql.parser;

/**
 * Finds the end of a quoted string token and validates its escapes as Prometheus's lexer does (Go
 * escapes; the string's own quote may be escaped; no newline inside).
 */
final class StringScanner {
    private final String input;
    private final char quote;
    private int pos;

    /** {@code pos} is just after the opening quote. */
    StringScanner(String input, int pos, char quote) {
        this.input = input;
        this.pos = pos;
        this.quote = quote;
    }

    int pos() {
        return pos;
    }

    /** Scans to the closing quote; returns the error message, or null when the string is fine. */
    String scanQuoted() {
        while (true) {
            int c = next();
            if (c == '\\') {
                String err = scanEscape();
                if (err != null) {
                    return err;
                }
            } else if (c < 0 || c == '\n') {
                return "unterminated quoted string";
            } else if (c == quote) {
                return null;
            }
        }
    }

    private String scanEscape() {
        int ch = next();
        int n;
        int base;
        int max;
        switch (ch) {
            case 'a', 'b', 'f', 'n', 'r', 't', 'v', '\\' -> {
                return null;
            }
            case '0', '1', '2', '3', '4', '5', '6', '7' -> {
                n = 3;
                base = 8;
                max = 255;
            }
            case 'x' -> {
                ch = next();
                n = 2;
                base = 16;
                max = 255;
            }
            case 'u' -> {
                ch = next();
                n = 4;
                base = 16;
                max = Character.MAX_CODE_POINT;
            }
            case 'U' -> {
                ch = next();
                n = 8;
                base = 16;
                max = Character.MAX_CODE_POINT;
            }
            case -1 -> {
                return "escape sequence not terminated";
            }
            default -> {
                if (ch == quote) {
                    return null;
                }
                return "unknown escape sequence " + Quoting.unicodeForm(ch);
            }
        }
        long x = 0;
        while (n > 0) {
            int d = digitVal(ch);
            if (d >= base) {
                if (ch < 0) {
                    return "escape sequence not terminated";
                }
                return "illegal character " + Quoting.unicodeForm(ch) + " in escape sequence";
            }
            x = x * base + d;
            n--;
            if (n > 0) {
                ch = next();
            }
        }
        if (x > max || (0xD800 <= x && x < 0xE000)) {
            return "escape sequence is an invalid Unicode code point";
        }
        return null;
    }

    private int next() {
        if (pos >= input.length()) {
            return -1;
        }
        int cp = input.codePointAt(pos);
        pos += Character.charCount(cp);
        return cp;
    }

    static int digitVal(int ch) {
        if (ch >= '0' && ch <= '9') {
            return ch - '0';
        }
        if (ch >= 'a' && ch <= 'f') {
            return ch - 'a' + 10;
        }
        if (ch >= 'A' && ch <= 'F') {
            return ch - 'A' + 10;
        }
        return 16;
    }
}
