package io.weir.promql.parser;

/**
 * Finds where a number or duration token ends, accepting and rejecting exactly what Prometheus's
 * lexer does (so that the text quoted in "bad number or duration syntax" errors matches).
 */
final class NumberScanner {
    private static final String DECIMAL = "0123456789";
    private static final String HEX = "0123456789abcdefABCDEF";

    private final String input;
    private int pos;

    NumberScanner(String input, int pos) {
        this.input = input;
        this.pos = pos;
    }

    int pos() {
        return pos;
    }

    /** Scans a number; false when the text is not one (the position then shows how far it got). */
    boolean scanNumber() {
        int initial = pos;
        String digits = DECIMAL;
        if (accept("0") && accept("xX")) {
            accept("_");
            digits = HEX;
        }
        accept(".");
        accept(digits);
        boolean dotConsumed = false;
        boolean exponentConsumed = false;
        while (is(digits + "._eE")) {
            if (is(".") && dotConsumed) {
                accept(".");
                return false;
            }
            if (is("eE") && exponentConsumed) {
                accept("eE");
                return false;
            }
            if (accept(".")) {
                dotConsumed = true;
                if (accept("_.") || digits.equals(HEX)) {
                    return false;
                }
                continue;
            }
            if (accept("eE")) {
                exponentConsumed = true;
                accept("+-");
                if (accept("._eE") || atEnd()) {
                    return false;
                }
                continue;
            }
            if (accept("_")) {
                if (accept("._eE") || atEnd()) {
                    return false;
                }
                continue;
            }
            while (accept(digits)) {
                // absorb
            }
        }
        if (pos == initial) {
            return false;
        }
        return atEnd() || !PromqlLexer.isAlphaNumeric(input.charAt(pos));
    }

    /** Continues a failed number scan as a duration's units, e.g. the {@code m} of {@code 5m}. */
    boolean acceptRemainingDuration() {
        if (!accept("smhdwy")) {
            return false;
        }
        accept("s");
        while (accept(DECIMAL)) {
            while (accept(DECIMAL)) {
                // absorb
            }
            if (!accept("smhdw")) {
                return false;
            }
            accept("s");
        }
        if (atEnd()) {
            return true;
        }
        if (PromqlLexer.isAlphaNumeric(input.charAt(pos))) {
            pos++; // Prometheus quotes the offending character too.
            return false;
        }
        return true;
    }

    private boolean atEnd() {
        return pos >= input.length();
    }

    private boolean is(String valid) {
        return !atEnd() && valid.indexOf(input.charAt(pos)) >= 0;
    }

    private boolean accept(String valid) {
        if (is(valid)) {
            pos++;
            return true;
        }
        return false;
    }
}
