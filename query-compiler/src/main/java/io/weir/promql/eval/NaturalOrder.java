package io.weir.promql.eval;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The natural order sort_by_label uses: strings split into runs of digits and non-digits, digit
 * runs compared as numbers, the rest as strings.
 */
final class NaturalOrder {
    private NaturalOrder() {}

    static boolean less(String a, String b) {
        List<String> ca = chunks(a);
        List<String> cb = chunks(b);
        for (int i = 0; i < ca.size(); i++) {
            if (i >= cb.size()) {
                return false;
            }
            String x = ca.get(i);
            String y = cb.get(i);
            boolean xd = isDigits(x);
            boolean yd = isDigits(y);
            if (xd && yd) {
                int c = new BigInteger(x).compareTo(new BigInteger(y));
                if (c == 0) {
                    if (i == ca.size() - 1) {
                        return true;
                    } else if (i == cb.size() - 1) {
                        return false;
                    }
                    continue;
                }
                return c < 0;
            }
            if (x.equals(y)) {
                if (i == ca.size() - 1) {
                    return true;
                } else if (i == cb.size() - 1) {
                    return false;
                }
                continue;
            }
            return x.compareTo(y) < 0;
        }
        return false;
    }

    private static List<String> chunks(String s) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            boolean digit = isDigit(s.charAt(i));
            int j = i + 1;
            while (j < s.length() && isDigit(s.charAt(j)) == digit) {
                j++;
            }
            out.add(s.substring(i, j));
            i = j;
        }
        return out;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isDigits(String s) {
        return !s.isEmpty() && isDigit(s.charAt(0));
    }
}
