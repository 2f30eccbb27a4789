package io.weir.promql.parser;

import static io.weir.promql.parser.PromqlGrammar.*;

import java.util.List;
import java.util.Set;
import org.antlr.v4.runtime.Token;

/**
 * Words a syntax error as Prometheus's parser does: {@code unexpected <what>[ in <context>][,
 * expected <what>]}. The context is read from the tokens around the error, which names the same
 * constructs as Prometheus's error productions.
 */
final class UnexpectedTokenMessage {
    private static final Set<Integer> KEYWORDS =
            Set.of(
                    BOOL,
                    BY,
                    GROUP_LEFT,
                    GROUP_RIGHT,
                    FILL,
                    FILL_LEFT,
                    FILL_RIGHT,
                    IGNORING,
                    OFFSET,
                    SMOOTHED,
                    ANCHORED,
                    ON,
                    WITHOUT);
    private static final Set<Integer> OPERATORS =
            Set.of(
                    ADD, DIV, EQLC, EQL_REGEX, GTE, GTR, LAND, LOR, LSS, LTE, LUNLESS, MOD, MUL,
                    NEQ, NEQ_REGEX, POW, SUB, AT, ATAN2);
    private static final Set<Integer> AGGREGATORS =
            Set.of(
                    AVG,
                    BOTTOMK,
                    COUNT,
                    COUNT_VALUES,
                    GROUP,
                    MAX,
                    MIN,
                    QUANTILE,
                    STDDEV,
                    STDVAR,
                    SUM,
                    TOPK,
                    LIMITK,
                    LIMIT_RATIO);
    private static final Set<Integer> GROUPING_INTRO =
            Set.of(BY, WITHOUT, ON, IGNORING, GROUP_LEFT, GROUP_RIGHT);
    private static final Set<Integer> MATCH_OPS = Set.of(EQL, NEQ, EQL_REGEX, NEQ_REGEX);

    private UnexpectedTokenMessage() {}

    /** The message for an unexpected token at index {@code at} of {@code tokens}. */
    static String of(List<Token> tokens, int at) {
        Token bad = tokens.get(at);
        String context = null;
        String expected = null;
        int prev = at > 0 ? tokens.get(at - 1).getType() : -2;
        int prev2 = at > 1 ? tokens.get(at - 2).getType() : -2;
        int brace = unmatched(tokens, at, LEFT_BRACE, RIGHT_BRACE);
        int paren = unmatched(tokens, at, LEFT_PAREN, RIGHT_PAREN);
        int bracket = unmatched(tokens, at, LEFT_BRACKET, RIGHT_BRACKET);
        if (brace >= 0) {
            context = "label matching";
            if (prev == LEFT_BRACE || prev == COMMA) {
                expected = "identifier or \"}\"";
            } else if (prev == IDENTIFIER) {
                expected = "label matching operator";
            } else if (MATCH_OPS.contains(prev)) {
                expected = "string";
            } else {
                expected = "\",\" or \"}\"";
            }
        } else if (prev == BY || prev == WITHOUT || prev == ON || prev == IGNORING) {
            context = "grouping opts";
            expected = "\"(\"";
        } else if (paren > 0 && GROUPING_INTRO.contains(tokens.get(paren - 1).getType())) {
            context = "grouping opts";
            expected = prev == LEFT_PAREN || prev == COMMA ? "label" : "\",\" or \")\"";
        } else if (prev == OFFSET || (isSign(prev) && prev2 == OFFSET)) {
            context = "offset";
            expected = "number, duration, step(), or range()";
        } else if (prev == AT || (isSign(prev) && prev2 == AT)) {
            context = "@";
            expected = "timestamp";
        } else if (bracket >= 0) {
            boolean colon = false;
            for (int i = bracket + 1; i < at; i++) {
                colon |= tokens.get(i).getType() == COLON;
            }
            if (prev == COLON) {
                context = "subquery selector";
                expected = "number, duration, step(), range(), or \"]\"";
            } else if (prev == NUMBER || prev == DURATION) {
                context = colon ? "subquery selector" : "subquery or range";
                expected = colon ? "\"]\"" : "\":\" or \"]\"";
            } else {
                context = "subquery or range selector";
                expected = "number, duration, step(), or range()";
            }
        }
        StringBuilder b = new StringBuilder("unexpected ").append(describe(bad));
        if (context != null) {
            b.append(" in ").append(context);
        }
        if (expected != null) {
            b.append(", expected ").append(expected);
        }
        return b.toString();
    }

    private static boolean isSign(int type) {
        return type == ADD || type == SUB;
    }

    /** Index of the innermost opener before {@code at} that is not closed before it, or -1. */
    private static int unmatched(List<Token> tokens, int at, int open, int close) {
        int depth = 0;
        for (int i = at - 1; i >= 0; i--) {
            int t = tokens.get(i).getType();
            if (t == close) {
                depth++;
            } else if (t == open) {
                if (depth == 0) {
                    return i;
                }
                depth--;
            }
        }
        return -1;
    }

    /** Prometheus's description of a token, e.g. {@code <op:*>}, {@code identifier "foo"}. */
    static String describe(Token t) {
        int type = t.getType();
        String text = t.getText();
        if (type == Token.EOF) {
            return "end of input";
        }
        if (KEYWORDS.contains(type)) {
            return "<" + text + ">";
        }
        if (OPERATORS.contains(type)) {
            return "<op:" + text + ">";
        }
        if (AGGREGATORS.contains(type)) {
            return "<aggr:" + text + ">";
        }
        return switch (type) {
            case IDENTIFIER -> "identifier " + Quoting.quote(text);
            case METRIC_IDENTIFIER -> "metric identifier " + Quoting.quote(text);
            case NUMBER -> "number " + Quoting.quote(text);
            case DURATION -> "duration " + Quoting.quote(text);
            case STRING -> "string " + shortQuote(text);
            default -> shortQuote(text);
        };
    }

    /** Go's {@code %.10q...} for long values, {@code %q} otherwise. */
    private static String shortQuote(String text) {
        if (text.length() <= 10) {
            return Quoting.quote(text);
        }
        int end = text.offsetByCodePoints(0, Math.min(10, text.codePointCount(0, text.length())));
        return Quoting.quote(text.substring(0, end)) + "...";
    }
}
