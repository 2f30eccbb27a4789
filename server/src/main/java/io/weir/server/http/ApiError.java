package io.weir.server.http;

/**
 * A failed request as Prometheus reports it: an error type from its API and a message. The HTTP
 * status follows from the type as in Prometheus's {@code getDefaultErrorCode}.
 */
final class ApiError extends Exception {
    private static final long serialVersionUID = 1L;

    /** Prometheus's error types that this server uses. */
    enum Type {
        BAD_DATA("bad_data", 400),
        EXECUTION("execution", 422),
        TIMEOUT("timeout", 503),
        INTERNAL("internal", 500),
        NOT_FOUND("not_found", 404),
        UNAVAILABLE("unavailable", 503),
        UNAUTHORIZED("unauthorized", 401);

        final String wire;
        final int status;

        Type(String wire, int status) {
            this.wire = wire;
            this.status = status;
        }
    }

    private final Type type;

    ApiError(Type type, String message) {
        super(message);
        this.type = type;
    }

    static ApiError badData(String message) {
        return new ApiError(Type.BAD_DATA, message);
    }

    /** Prometheus's {@code invalid parameter "<name>": <reason>}. */
    static ApiError invalidParam(String parameter, String reason) {
        return badData("invalid parameter \"" + parameter + "\": " + reason);
    }

    Type type() {
        return type;
    }
}
