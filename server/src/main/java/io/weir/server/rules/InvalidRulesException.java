package io.weir.server.rules;

/** A recording-rules file that cannot be read; the message says where. */
public final class InvalidRulesException extends Exception {
    private static final long serialVersionUID = 1L;

    public InvalidRulesException(String message) {
        super(message);
    }
}
