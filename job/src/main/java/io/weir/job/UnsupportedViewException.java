package io.weir.job;

/** A registered query uses a construct the job does not run yet, or does not compile at all. */
public final class UnsupportedViewException extends Exception {
    private static final long serialVersionUID = 1L;

    public UnsupportedViewException(String message) {
        super(message);
    }

    public UnsupportedViewException(String message, Throwable cause) {
        super(message, cause);
    }
}
