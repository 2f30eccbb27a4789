package io.weir.server.views;

import io.weir.connectors.codec.QueryRegistration;
import java.util.OptionalLong;

/**
 * A view as {@code GET /api/v1/views} lists it.
 *
 * @param lastFinalStep the latest final step in milliseconds, or empty while there is none
 * @param lagSeconds how far the latest final step is behind now, or NaN while there is none
 */
public record ViewInfo(
        QueryRegistration registration,
        ViewStatus status,
        OptionalLong lastFinalStep,
        double lagSeconds) {}
