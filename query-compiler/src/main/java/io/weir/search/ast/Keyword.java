package io.weir.search.ast;

import io.weir.search.index.Tokenizer;
import java.util.List;
import java.util.Objects;

/**
 * {@code kw('text')}: the series whose metric name and label values contain every token of the text
 * (see {@link Tokenizer} for what a token is).
 */
public record Keyword(String text) implements Predicate {
    public Keyword {
        Objects.requireNonNull(text, "text");
        if (Tokenizer.tokens(text).isEmpty()) {
            throw new IllegalArgumentException("kw() text has no tokens: '" + text + "'");
        }
    }

    /** The distinct tokens of the text, in order of first appearance. */
    public List<String> tokens() {
        return Tokenizer.tokens(text);
    }

    @Override
    public <R> R accept(PredicateVisitor<R> v) {
        return v.visitKeyword(this);
    }
}
