package io.weir.server.client;

/**
 * The server answered with an error: Prometheus's {@code errorType} and {@code error}, or, when the
 * answer was not the JSON envelope, the HTTP status and the start of the body.
 */
public final class ApiException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String errorType;

    public ApiException(int status, String errorType, String message) {
        super(message);
        this.status = status;
        this.errorType = errorType;
    }

    /** The HTTP status code. */
    public int status() {
        return status;
    }

    /** Prometheus's error type ({@code bad_data}, {@code execution}, ...), or {@code http}. */
    public String errorType() {
        return errorType;
    }
}
