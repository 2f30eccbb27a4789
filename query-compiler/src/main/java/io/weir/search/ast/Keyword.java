package io.weir.search.ast;

import io.weir.promql.ast.PositionRange;
import io.weir.search.index.Tokenizer;
import java.util.List;
import java.util.Objects;

/**
 * {@code kw('text')}: the series whose metric name and label values contain every token of the text
 * (see {@link Tokenizer} for what a token is).
 */
public record Keyword(String text, PositionRange pos) implements Predicate {
    public Keyword {
        pos = pos == null ? PositionRange.NONE : pos;
        Objects.requireNonNull(text, "text");
        if (Tokenizer.tokens(text).isEmpty()) {
            throw new IllegalArgumentException("kw() text has no tokens: '" + text + "'");
        }
    }

    /** The distinct tokens of the text, in order of first appearance. */
    public List<String> tokens() {
        return Tokenizer.tokens(text);
    }

    /** A node written nowhere: made by the optimizer or a test. */
    public Keyword(String text) {
        this(text, PositionRange.NONE);
    }

    @Override
    public <R> R accept(PredicateVisitor<R> v) {
        return v.visitKeyword(this);
    }
}
