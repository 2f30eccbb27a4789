package io.weir.promql.parser;

/**
 * Quoting as Go's {@code %q} does it, which is what Prometheus's messages and its printer use for
 * strings and runes.
 */
public final class Quoting {
    private Quoting() {}

    /** A double-quoted Go string literal for {@code s}, escaping what Go escapes. */
    public static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        s.codePoints().forEach(cp -> appendEscaped(b, cp, '"'));
        return b.append('"').toString();
    }

    /** A single-quoted Go rune literal; -1 (end of input) quotes as the replacement character. */
    static String quoteRune(int cp) {
        StringBuilder b = new StringBuilder("'");
        appendEscaped(b, cp < 0 ? 0xFFFD : cp, '\'');
        return b.append('\'').toString();
    }

    /** Go's {@code %#U}: {@code U+0063 'c'}, or just {@code U+000A} when not printable. */
    static String unicodeForm(int cp) {
        String hex = String.format("U+%04X", cp);
        return isPrint(cp) ? hex + " '" + new String(Character.toChars(cp)) + "'" : hex;
    }

    /**
     * Whether {@code s} stands for valid UTF-8: the parser keeps bytes of invalid UTF-8 in string
     * literals as lone surrogates {@code U+DC80..U+DCFF}, and Java strings hold no other invalid
     * text once parsed.
     */
    public static boolean isValidUtf8(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)
                    && i + 1 < s.length()
                    && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    private static void appendEscaped(StringBuilder b, int cp, char quote) {
        if (cp >= 0xDC80 && cp <= 0xDCFF) {
            // A byte of invalid UTF-8 kept by the parser: Go prints it as \xNN.
            b.append(String.format("\\x%02x", cp - 0xDC00));
            return;
        }
        if (cp == quote || cp == '\\') {
            b.append('\\').appendCodePoint(cp);
            return;
        }
        if (isPrint(cp)) {
            b.appendCodePoint(cp);
            return;
        }
        switch (cp) {
            case 0x07 -> b.append("\\a");
            case '\b' -> b.append("\\b");
            case '\f' -> b.append("\\f");
            case '\n' -> b.append("\\n");
            case '\r' -> b.append("\\r");
            case '\t' -> b.append("\\t");
            case 0x0B -> b.append("\\v");
            default -> {
                if (cp < ' ' || cp == 0x7F) {
                    b.append(String.format("\\x%02x", cp));
                } else if (cp < 0x10000) {
                    b.append(String.format("\\u%04x", cp));
                } else {
                    b.append(String.format("\\U%08x", cp));
                }
            }
        }
    }

    /** Go's {@code unicode.IsPrint}: letters, marks, numbers, punctuation, symbols and ' '. */
    static boolean isPrint(int cp) {
        if (cp == ' ') {
            return true;
        }
        if (cp < 0x20 || cp == 0x7F) {
            return false;
        }
        return switch (Character.getType(cp)) {
            case Character.CONTROL,
                    Character.FORMAT,
                    Character.SURROGATE,
                    Character.UNASSIGNED,
                    Character.PRIVATE_USE,
                    Character.SPACE_SEPARATOR,
                    Character.LINE_SEPARATOR,
                    Character.PARAGRAPH_SEPARATOR ->
                    false;
            default -> true;
        };
    }
}
