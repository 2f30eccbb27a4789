package io.weir.server.views;

import io.weir.connectors.codec.QueryRegistration;
import java.util.OptionalLong;

/**
 * A view as {@code GET /api/v1/views} lists it.
 *
 * @param registration the registration with the query as the user wrote it (after a restart of the
 *     server, the query as published when that differs)
 * @param expandedQuery the query as published to the job, with the views it selects inlined, when
 *     it differs from the registration's; else null
 * @param lastFinalStep the latest final step in milliseconds, or empty while there is none
 * @param lagSeconds how far the latest final step is behind now, or NaN while there is none
 */
public record ViewInfo(
        QueryRegistration registration,
        String expandedQuery,
        ViewStatus status,
        OptionalLong lastFinalStep,
        double lagSeconds) {}
