package io.weir.connectors.codec;

/**
 * Bytes that do not decode as the format they claim to be. Checked on purpose: every caller must
 * decide what a bad record becomes (a dead letter, an error response), so that bad input never
 * escapes as an exception that fails a job.
 */
public final class CorruptRecordException extends Exception {
    private static final long serialVersionUID = 1L;

    public CorruptRecordException(String message) {
        super(message);
    }

    public CorruptRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
