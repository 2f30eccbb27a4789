package io.weir.search.ast;

import io.weir.promql.ast.PositionRange;

/**
 * A predicate over series: the AST of the search language and, after the optimizer, its plan.
 *
 * <p>The parser produces {@link Keyword}, {@link LabelPresent}, {@link LabelMatch}, {@link
 * Percentile}, {@link And}, {@link Or} and {@link Not}; {@link KeywordSet} and {@link Selector}
 * appear only in plans (merged keywords and the {@code metric{...} WHERE} restriction).
 */
public sealed interface Predicate
        permits Keyword, KeywordSet, LabelPresent, LabelMatch, Percentile, Selector, And, Or, Not {

    /** Exhaustive dispatch: every kind of node has its own method. */
    <R> R accept(PredicateVisitor<R> v);

    /**
     * Where the node was written; {@link PositionRange#NONE} for nodes the optimizer made. Not part
     * of a node's identity ({@link PositionRange#equals} holds for any two ranges).
     */
    PositionRange pos();
}
