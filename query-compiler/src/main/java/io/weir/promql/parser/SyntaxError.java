package io.weir.promql.parser;

import io.weir.promql.ast.PositionRange;

/**
 * One error found in a query, before it becomes an exception: where it is and what Prometheus would
 * say after {@code parse error: }.
 */
record SyntaxError(int start, int end, String message) {
    SyntaxError {
        end = Math.max(start, end);
    }

    static SyntaxError at(PositionRange pos, String message) {
        return new SyntaxError(pos.start(), pos.end(), message);
    }

    PositionRange pos() {
        return new PositionRange(start, end);
    }
}
