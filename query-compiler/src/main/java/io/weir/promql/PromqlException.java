package io.weir.promql;

import io.weir.promql.ast.PositionRange;

/**
 * Every error a query can meet, from parsing to evaluation. It carries a code and, where the error
 * belongs to a part of the query, that part's position; users see {@code line:column: message},
 * worded like Prometheus.
 */
public class PromqlException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What kind of failure this is; the HTTP API maps it to Prometheus's error types. */
    public enum ErrorCode {
        /** The text is not PromQL. */
        PARSE,
        /** The query is PromQL but ill-typed (wrong argument types, wrong operand types). */
        TYPE,
        /** The query is valid but evaluation failed (duplicate label sets, bad parameter). */
        EXECUTION,
        /** A configured limit was hit (samples loaded, series). */
        LIMIT,
        /** The query ran longer than its timeout. */
        TIMEOUT,
        /** The construct is valid PromQL that this part of Weir does not support. */
        UNSUPPORTED
    }

    private final ErrorCode code;
    private final PositionRange pos;
    private final String detail;

    /** An error with no position. */
    public PromqlException(ErrorCode code, String message) {
        this(code, PositionRange.NONE, null, message);
    }

    /**
     * An error at {@code pos} within {@code query}; the message becomes {@code line:column: detail}
     * when both are known.
     */
    public PromqlException(ErrorCode code, PositionRange pos, String query, String detail) {
        super(format(pos, query, detail));
        this.code = code;
        this.pos = pos;
        this.detail = detail;
    }

    private static String format(PositionRange pos, String query, String detail) {
        if (pos == null || !pos.isKnown() || query == null) {
            return detail;
        }
        return pos.lineColumn(query) + ": " + detail;
    }

    public ErrorCode code() {
        return code;
    }

    /** The position in the query, or {@link PositionRange#NONE}. */
    public PositionRange pos() {
        return pos;
    }

    /** The message without the position prefix. */
    public String detail() {
        return detail;
    }
}
