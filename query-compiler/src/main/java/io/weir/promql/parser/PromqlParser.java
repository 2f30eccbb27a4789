package io.weir.promql.parser;

import io.weir.promql.PromqlException;
import io.weir.promql.ast.Expr;
import io.weir.promql.ast.LabelMatcher;
import java.util.List;

/** Entry point of the language: text to checked AST. */
public final class PromqlParser {
    private PromqlParser() {}

    /**
     * Parses and type-checks a query.
     *
     * @throws PromqlException (PARSE or TYPE) with {@code line:column} of the first error
     */
    public static Expr parse(String query) {
        throw new PromqlException(PromqlException.ErrorCode.UNSUPPORTED, "parser not built yet");
    }

    /**
     * Parses a series selector such as {@code up{job="api"}} or {@code {"my.metric"}} into its
     * matchers (the name becomes a {@code __name__} equality matcher), as the API's {@code match[]}
     * parameter and the test scripts use it.
     */
    public static List<LabelMatcher> parseMetricSelector(String selector) {
        throw new PromqlException(PromqlException.ErrorCode.UNSUPPORTED, "parser not built yet");
    }
}
