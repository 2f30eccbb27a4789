package io.weir.search.ast;

import io.weir.promql.ast.PositionRange;
import java.util.List;

/**
 * One index lookup for several tokens, made by merging {@code kw} predicates: with {@link Mode#ALL}
 * a series needs every token (the keywords stood under one AND), with {@link Mode#ANY} one of them
 * (they stood under one OR). Plans only; the language has no syntax for it.
 */
public record KeywordSet(Mode mode, List<String> tokens, PositionRange pos) implements Predicate {
    /** Intersection or union of the tokens' postings. */
    public enum Mode {
        ALL,
        ANY
    }

    public KeywordSet {
        pos = pos == null ? PositionRange.NONE : pos;
        tokens = List.copyOf(tokens);
        if (tokens.isEmpty()) {
            throw new IllegalArgumentException("a keyword set needs tokens");
        }
    }

    /** A node written nowhere: made by the optimizer or a test. */
    public KeywordSet(Mode mode, List<String> tokens) {
        this(mode, tokens, PositionRange.NONE);
    }

    @Override
    public <R> R accept(PredicateVisitor<R> v) {
        return v.visitKeywordSet(this);
    }
}
