package io.weir.search.ast;

/** The comparison operators of {@code pct}. */
public enum Comparison {
    GT(">"),
    GE(">="),
    LT("<"),
    LE("<="),
    EQ("="),
    NE("!=");

    private final String symbol;

    Comparison(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    /** IEEE comparison: anything with NaN is false but {@code !=}, which is true. */
    public boolean test(double a, double b) {
        return switch (this) {
            case GT -> a > b;
            case GE -> a >= b;
            case LT -> a < b;
            case LE -> a <= b;
            case EQ -> a == b;
            case NE -> a != b;
        };
    }

    public static Comparison ofSymbol(String s) {
        for (Comparison c : values()) {
            if (c.symbol.equals(s)) {
                return c;
            }
        }
        throw new IllegalArgumentException("no comparison " + s);
    }
}
