package io.weir.server.cli;

/** The exit statuses of {@code weir}. */
final class ExitCodes {
    /** Success. */
    static final int OK = 0;

    /** The query was valid but its evaluation failed (e.g. many-to-many matching). */
    static final int EVAL_FAILED = 1;

    /** Bad input: a usage error, a bad query, a bad or missing data file, a bad time. */
    static final int USAGE = 2;

    private ExitCodes() {}
}
