package io.weir.search.ast;

/** One method per kind of {@link Predicate}; adding a kind breaks every visitor until handled. */
public interface PredicateVisitor<R> {
    R visitKeyword(Keyword keyword);

    R visitKeywordSet(KeywordSet keywordSet);

    R visitLabelPresent(LabelPresent labelPresent);

    R visitLabelMatch(LabelMatch labelMatch);

    R visitPercentile(Percentile percentile);

    R visitSelector(Selector selector);

    R visitAnd(And op);

    R visitOr(Or op);

    R visitNot(Not op);
}
