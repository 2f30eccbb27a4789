package io.weir.server.http;

import com.sun.net.httpserver.HttpExchange;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The bearer token that guards the endpoints which write. The comparison takes the same time
 * wherever the presented token differs, so its timing tells nothing about the token.
 */
final class BearerAuth {
    private final byte[] expected;

    /**
     * @param token the token, or null when no token is needed
     */
    BearerAuth(String token) {
        this.expected = token == null ? null : ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
    }

    /** Throws 401 unless the request carries the token (or none is configured). */
    void check(HttpExchange exchange) throws ApiError {
        if (expected == null) {
            return;
        }
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null) {
            throw new ApiError(ApiError.Type.UNAUTHORIZED, "missing bearer token");
        }
        if (!MessageDigest.isEqual(expected, header.getBytes(StandardCharsets.UTF_8))) {
            throw new ApiError(ApiError.Type.UNAUTHORIZED, "invalid bearer token");
        }
    }
}
