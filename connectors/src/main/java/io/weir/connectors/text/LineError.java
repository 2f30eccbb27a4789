package io.weir.connectors.text;

/** What is wrong with one line; the driver adds the line number. Carries no stack trace. */
final class LineError extends Exception {
    private static final long serialVersionUID = 1L;

    LineError(String message) {
        super(message, null, false, false);
    }
}
