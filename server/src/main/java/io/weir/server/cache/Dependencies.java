package io.weir.server.cache;

import java.util.Set;

/**
 * What a cached query read besides raw samples, so that a late correction of a view invalidates it.
 *
 * @param views the views it read
 * @param anyView true when a selector without a metric name may have read any view
 * @param reachMillis how far from a step's time the data that step reads may lie (lookback, ranges
 *     and offsets): a correction at {@code t} touches steps in {@code [t - reach, t + reach]}
 */
public record Dependencies(Set<String> views, boolean anyView, long reachMillis) {
    public static final Dependencies NONE = new Dependencies(Set.of(), false, 0);

    public Dependencies {
        views = Set.copyOf(views);
    }

    boolean reads(String view) {
        return anyView || views.contains(view);
    }
}
