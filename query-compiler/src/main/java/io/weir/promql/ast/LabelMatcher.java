package io.weir.promql.ast;

import java.util.Objects;

/** One matcher of a selector: {@code name op "value"}. */
public record LabelMatcher(String name, MatchOp op, String value) {
    public LabelMatcher {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(value, "value");
    }

    public static LabelMatcher equal(String name, String value) {
        return new LabelMatcher(name, MatchOp.EQUAL, value);
    }

    /** The four matcher operators. */
    public enum MatchOp {
        EQUAL("="),
        NOT_EQUAL("!="),
        REGEX("=~"),
        NOT_REGEX("!~");

        private final String symbol;

        MatchOp(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }

        public boolean isRegex() {
            return this == REGEX || this == NOT_REGEX;
        }

        public boolean isNegative() {
            return this == NOT_EQUAL || this == NOT_REGEX;
        }
    }
}
