package io.weir.promql.eval;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;

/**
 * Expands a replacement template the way Go's {@code regexp.Expand} does, which is what
 * label_replace uses: {@code $1}, {@code ${1}}, {@code $name}, {@code ${name}}, {@code $$}. A
 * {@code $name} takes the longest run of letters, digits and underscores, so {@code $1x} refers to
 * a group named {@code 1x}; unknown groups expand to nothing.
 */
final class GoTemplate {
    private GoTemplate() {}

    static String expand(String template, Matcher m, Pattern p) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        int n = template.length();
        while (i < n) {
            char c = template.charAt(i);
            if (c != '$') {
                out.append(c);
                i++;
                continue;
            }
            if (i + 1 < n && template.charAt(i + 1) == '$') {
                out.append('$');
                i += 2;
                continue;
            }
            String name = null;
            int next = i + 1;
            if (next < n && template.charAt(next) == '{') {
                int close = template.indexOf('}', next + 1);
                if (close > next + 1) {
                    String candidate = template.substring(next + 1, close);
                    if (isName(candidate)) {
                        name = candidate;
                        next = close + 1;
                    }
                }
            } else {
                int j = next;
                while (j < n && isNameChar(template.charAt(j))) {
                    j++;
                }
                if (j > next) {
                    name = template.substring(next, j);
                    next = j;
                }
            }
            if (name == null) {
                // Malformed: Go copies the '$' and carries on.
                out.append('$');
                i++;
                continue;
            }
            out.append(group(m, p, name));
            i = next;
        }
        return out.toString();
    }

    private static String group(Matcher m, Pattern p, String name) {
        String g = null;
        if (allDigits(name)) {
            try {
                int idx = Integer.parseInt(name);
                if (idx <= m.groupCount()) {
                    g = m.group(idx);
                }
            } catch (NumberFormatException e) {
                g = null;
            }
        } else if (p.namedGroups().containsKey(name)) {
            g = m.group(name);
        }
        return g == null ? "" : g;
    }

    private static boolean allDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean isName(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (!isNameChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isNameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }
}
