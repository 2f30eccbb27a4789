package io.weir.promql.ast;

import java.util.Locale;

/** The aggregation operators; those with a parameter say so. */
public enum AggregateOp {
    SUM(false),
    AVG(false),
    COUNT(false),
    MIN(false),
    MAX(false),
    GROUP(false),
    STDDEV(false),
    STDVAR(false),
    TOPK(true),
    BOTTOMK(true),
    QUANTILE(true),
    COUNT_VALUES(true),
    LIMITK(true),
    LIMIT_RATIO(true);

    private final boolean hasParam;

    AggregateOp(boolean hasParam) {
        this.hasParam = hasParam;
    }

    public boolean hasParam() {
        return hasParam;
    }

    /** The keyword as written in PromQL, e.g. {@code count_values}. */
    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The operator for a keyword (case-insensitive), or null. */
    public static AggregateOp fromKeyword(String s) {
        for (AggregateOp op : values()) {
            if (op.keyword().equalsIgnoreCase(s)) {
                return op;
            }
        }
        return null;
    }
}
