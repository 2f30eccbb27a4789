package io.weir.server.api;

/**
 * A request parameter that cannot be used. Its message reads as Prometheus's, usually {@code
 * invalid parameter "start": cannot parse "x" to a valid timestamp}.
 */
public final class BadParameterException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String parameter;
    private final String reason;

    /** An error worded {@code invalid parameter "<parameter>": <reason>}. */
    public BadParameterException(String parameter, String reason) {
        this(parameter, reason, "invalid parameter \"" + parameter + "\": " + reason);
    }

    private BadParameterException(String parameter, String reason, String message) {
        super(message);
        this.parameter = parameter;
        this.reason = reason;
    }

    /**
     * An error about {@code parameter} whose message is {@code reason} alone, as Prometheus has
     * some.
     */
    public static BadParameterException unprefixed(String parameter, String reason) {
        return new BadParameterException(parameter, reason, reason);
    }

    /** The parameter's name as the HTTP API spells it: {@code time}, {@code start}, ... */
    public String parameter() {
        return parameter;
    }

    /** What is wrong, without the parameter prefix. */
    public String reason() {
        return reason;
    }
}
