package io.weir.server.http;

/**
 * Label names in URL paths, where Prometheus accepts names outside the legacy character set in its
 * value-encoding escape: {@code U__} then the name with {@code _} as {@code __} and any other
 * character as {@code _<hex code point>_}.
 */
final class LabelNames {
    private LabelNames() {}

    /** The unescaped name, or {@code name} itself when it is not a valid escape. */
    static String unescape(String name) {
        if (!name.startsWith("U__")) {
            return name;
        }
        StringBuilder out = new StringBuilder(name.length());
        int i = 3;
        while (i < name.length()) {
            char c = name.charAt(i);
            if (c != '_') {
                out.append(c);
                i++;
                continue;
            }
            i++;
            if (i >= name.length()) {
                return name;
            }
            if (name.charAt(i) == '_') {
                out.append('_');
                i++;
                continue;
            }
            int code = 0;
            int digits = 0;
            while (i < name.length() && name.charAt(i) != '_') {
                int d = Character.digit(name.charAt(i), 16);
                // More than six digits is beyond the largest code point.
                if (d < 0 || ++digits > 6) {
                    return name;
                }
                code = code * 16 + d;
                i++;
            }
            if (i >= name.length()
                    || code > Character.MAX_CODE_POINT
                    || (code >= 0xd800 && code <= 0xdfff)) {
                return name;
            }
            out.appendCodePoint(code);
            i++;
        }
        return out.toString();
    }
}
