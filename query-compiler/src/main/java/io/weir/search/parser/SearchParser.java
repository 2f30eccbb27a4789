package io.weir.search.parser;

import io.weir.promql.PromqlException;
import io.weir.promql.PromqlException.ErrorCode;
import io.weir.promql.ast.LabelMatcher;
import io.weir.promql.ast.PositionRange;
import io.weir.promql.parser.PromqlParser;
import io.weir.search.ast.SearchQuery;
import java.util.List;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;

/**
 * Entry point of the search language: text to {@link SearchQuery}. Errors are {@link
 * PromqlException}s with code PARSE and the position of the offending text, so that their message
 * reads {@code line:column: detail} as PromQL errors do.
 */
public final class SearchParser {
    private SearchParser() {}

    /** Deeper nesting than this is refused, so that no later stage overflows its stack. */
    static final int MAX_DEPTH = 256;

    public static SearchQuery parse(String text) {
        SearchGrammarLexer lexer = new SearchGrammarLexer(CharStreams.fromString(text));
        FirstError errors = new FirstError(text);
        lexer.removeErrorListeners();
        lexer.addErrorListener(errors);
        CommonTokenStream tokens = new CommonTokenStream(lexer);
        tokens.fill();
        boolean where =
                tokens.getTokens().stream().anyMatch(t -> t.getType() == SearchGrammarLexer.WHERE);
        SearchGrammarParser parser = new SearchGrammarParser(tokens);
        parser.removeErrorListeners();
        parser.addErrorListener(errors);
        if (!where) {
            SearchGrammarParser.QueryContext tree = parser.query();
            errors.throwIfAny();
            return new SearchQuery(List.of(), new PredicateBuilder(text).visit(tree.orExpr()));
        }
        SearchGrammarParser.SelectQueryContext tree = parser.selectQuery();
        errors.throwIfAny();
        List<LabelMatcher> selector =
                selector(text, tree.selector().getStart(), tree.selector().getStop());
        return new SearchQuery(selector, new PredicateBuilder(text).visit(tree.orExpr()));
    }

    /** The selector is PromQL: its own parser reads it, and its errors move to our offsets. */
    private static List<LabelMatcher> selector(String text, Token start, Token stop) {
        int from = start.getStartIndex();
        String sel = text.substring(from, stop.getStopIndex() + 1);
        try {
            return PromqlParser.parseMetricSelector(sel);
        } catch (PromqlException e) {
            PositionRange p = e.pos();
            PositionRange moved =
                    p.isKnown()
                            ? new PositionRange(p.start() + from, p.end() + from)
                            : new PositionRange(from, from);
            throw new PromqlException(ErrorCode.PARSE, moved, text, e.detail());
        }
    }

    /** Keeps the first syntax error; the lexer's and the parser's. */
    private static final class FirstError extends BaseErrorListener {
        private final String text;
        private PromqlException first;

        FirstError(String text) {
            this.text = text;
        }

        @Override
        public void syntaxError(
                Recognizer<?, ?> recognizer,
                Object offendingSymbol,
                int line,
                int charPositionInLine,
                String msg,
                RecognitionException e) {
            if (first != null) {
                return;
            }
            int offset;
            if (offendingSymbol instanceof Token t && t.getStartIndex() >= 0) {
                offset = t.getType() == Token.EOF ? text.length() : t.getStartIndex();
            } else {
                offset = offsetOf(line, charPositionInLine);
            }
            first =
                    new PromqlException(
                            ErrorCode.PARSE, new PositionRange(offset, offset), text, msg);
        }

        private int offsetOf(int line, int col) {
            int l = 1;
            int i = 0;
            while (l < line && i < text.length()) {
                if (text.charAt(i++) == '\n') {
                    l++;
                }
            }
            return Math.min(i + col, text.length());
        }

        void throwIfAny() {
            if (first != null) {
                throw first;
            }
        }
    }
}
