package io.weir.search.index;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What {@code kw} matches: the tokens of a text are its maximal runs of letters and digits ({@link
 * Character#isLetterOrDigit}, so Unicode letters count), lower-cased in the root locale. Everything
 * else separates tokens: {@code http_requests_total} is {@code http}, {@code requests}, {@code
 * total}; {@code "Checkout-API"} is {@code checkout}, {@code api}.
 *
 * <p>A series' tokens are those of its metric name and of every label value (not label names:
 * {@code label('name')} asks for those).
 */
public final class Tokenizer {
    private Tokenizer() {}

    /** The distinct tokens of {@code text}, in order of first appearance. */
    public static List<String> tokens(String text) {
        Set<String> out = new LinkedHashSet<>();
        addTokens(text, out);
        return new ArrayList<>(out);
    }

    /** Adds the tokens of {@code text} to {@code out}. */
    public static void addTokens(String text, Set<String> out) {
        int n = text.length();
        int i = 0;
        while (i < n) {
            int cp = text.codePointAt(i);
            if (!Character.isLetterOrDigit(cp)) {
                i += Character.charCount(cp);
                continue;
            }
            int start = i;
            while (i < n) {
                int c = text.codePointAt(i);
                if (!Character.isLetterOrDigit(c)) {
                    break;
                }
                i += Character.charCount(c);
            }
            out.add(text.substring(start, i).toLowerCase(Locale.ROOT));
        }
    }
}
