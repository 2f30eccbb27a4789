package io.weir.promql.plan.logical;

import io.weir.promql.ast.PositionRange;

/**
 * Where the {@code @} of a modifier stands in the query text. The AST keeps the span of a selector
 * or subquery, not of its modifiers, so the planner looks for an {@code @} in the node's text
 * outside string literals and comments.
 */
final class AtPositions {
    private AtPositions() {}

    /**
     * The position of the first (or, with {@code last}, the last) {@code @} in {@code span}, or the
     * span itself when none is found.
     */
    static PositionRange find(String query, PositionRange span, boolean last) {
        if (query == null || !span.isKnown()) {
            return span;
        }
        int found = -1;
        int end = Math.min(span.end(), query.length());
        for (int i = Math.max(0, span.start()); i < end; i++) {
            char c = query.charAt(i);
            if (c == '"' || c == '\'' || c == '`') {
                i = skipString(query, i, end);
            } else if (c == '#') {
                while (i < end && query.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '@') {
                found = i;
                if (!last) {
                    break;
                }
            }
        }
        return found < 0 ? span : new PositionRange(found, found + 1);
    }

    private static int skipString(String q, int open, int end) {
        char quote = q.charAt(open);
        for (int i = open + 1; i < end; i++) {
            char c = q.charAt(i);
            if (c == '\\' && quote != '`') {
                i++;
            } else if (c == quote) {
                return i;
            }
        }
        return end;
    }
}
