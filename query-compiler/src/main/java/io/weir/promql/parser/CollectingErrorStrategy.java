package io.weir.promql.parser;

import java.util.ArrayList;
import java.util.List;
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

    private void add(Token bad) {
        int index = Math.max(0, Math.min(bad.getTokenIndex(), tokens.size() - 1));
        int start = bad.getStartIndex();
        int end = Math.max(start, bad.getStopIndex() + 1);
        errors.add(new SyntaxError(start, end, UnexpectedTokenMessage.of(tokens, index)));
    }
}
