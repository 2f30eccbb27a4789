package io.weir.server.views;

/**
 * A registration that cannot become a view; the message is the compiler's {@code line:column:
 * message}, or says which field is wrong.
 */
public final class InvalidViewException extends Exception {
    private static final long serialVersionUID = 1L;

    public InvalidViewException(String message) {
        super(message);
    }
}
