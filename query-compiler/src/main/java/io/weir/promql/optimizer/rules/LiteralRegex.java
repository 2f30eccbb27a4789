package io.weir.promql.optimizer.rules;

/**
 * Recognises regular expressions that match exactly one string, such as {@code api} or {@code
 * api\.v1}: no metacharacter unless escaped by a backslash. Anything else (classes, {@code \d},
 * flags) is left alone.
 */
final class LiteralRegex {
    private static final String META = "\\.+*?()|[]{}^$";

    private LiteralRegex() {}

    /** The one string {@code re} matches in full, or null when it may match several. */
    static String literal(String re) {
        StringBuilder sb = new StringBuilder(re.length());
        for (int i = 0; i < re.length(); i++) {
            char c = re.charAt(i);
            if (c == '\\') {
                if (i + 1 < re.length() && META.indexOf(re.charAt(i + 1)) >= 0) {
                    sb.append(re.charAt(++i));
                    continue;
                }
                return null;
            }
            if (META.indexOf(c) >= 0) {
                return null;
            }
            sb.append(c);
        }
        return sb.toString();
    }
}
