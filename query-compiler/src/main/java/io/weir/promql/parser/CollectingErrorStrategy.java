package io.weir.promql.parser;

import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.CommonToken;
import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Token;

/**
 * ANTLR's recovering error strategy, reporting each syntax error in Prometheus's words into a list
 * instead of to a listener, so that all of them are kept and the first is shown.
 */
final class CollectingErrorStrategy extends DefaultErrorStrategy {
    private final List<Token> tokens;
    private final List<SyntaxError> errors = new ArrayList<>();

    CollectingErrorStrategy(List<Token> tokens) {
        this.tokens = tokens;
    }

    List<SyntaxError> errors() {
        return errors;
    }

    @Override
    public void reportError(Parser recognizer, RecognitionException e) {
        if (inErrorRecoveryMode(recognizer)) {
            return;
        }
        beginErrorCondition(recognizer);
        Token bad =
                e.getOffendingToken() != null
                        ? e.getOffendingToken()
                        : recognizer.getCurrentToken();
        add(bad);
    }

    @Override
    protected void reportUnwantedToken(Parser recognizer) {
        if (inErrorRecoveryMode(recognizer)) {
            return;
        }
        beginErrorCondition(recognizer);
        add(recognizer.getCurrentToken());
    }

    @Override
    protected void reportMissingToken(Parser recognizer) {
        if (inErrorRecoveryMode(recognizer)) {
            return;
        }
        beginErrorCondition(recognizer);
        add(recognizer.getCurrentToken());
    }

    /**
     * A parenthesis after group_left/group_right must open the include list (see the grammar's
     * includeLabels); when what follows that list does not parse, the error is there, as in
     * Prometheus, not at the parenthesis.
     */
    private int afterIncludeLabels(int index) {
        int type = tokens.get(index).getType();
        int prev = index > 0 ? tokens.get(index - 1).getType() : -1;
        if (type != PromqlGrammar.LEFT_PAREN
                || (prev != PromqlGrammar.GROUP_LEFT && prev != PromqlGrammar.GROUP_RIGHT)) {
            return index;
        }
        for (int i = index + 1; i < tokens.size(); i++) {
            int t = tokens.get(i).getType();
            if (t == PromqlGrammar.RIGHT_PAREN) {
                return Math.min(i + 1, tokens.size() - 1);
            }
            if (t == PromqlGrammar.LEFT_PAREN) {
                return index;
            }
        }
        return index;
    }

    /** A conjured token for single-token insertion; ours have no token source to ask. */
    @Override
    protected Token getMissingSymbol(Parser recognizer) {
        Token current = recognizer.getCurrentToken();
        CommonToken t = new CommonToken(getExpectedTokens(recognizer).getMinElement(), "<missing>");
        t.setStartIndex(current.getStartIndex());
        t.setStopIndex(current.getStartIndex() - 1);
        t.setTokenIndex(-1);
        return t;
    }

    private void add(Token bad) {
        int index = Math.max(0, Math.min(bad.getTokenIndex(), tokens.size() - 1));
        index = afterIncludeLabels(index);
        bad = tokens.get(index);
        int start = bad.getStartIndex();
        int end = Math.max(start, bad.getStopIndex() + 1);
        errors.add(new SyntaxError(start, end, UnexpectedTokenMessage.of(tokens, index)));
    }
}
