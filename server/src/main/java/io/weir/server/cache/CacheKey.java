package io.weir.server.cache;

/**
 * What identifies a range query's results in the cache: the query's text (annotations point into
 * it), the step, the start's phase on the step grid ({@code start mod step}: queries on the same
 * grid share extents), and the lookback delta the query was evaluated with.
 */
public record CacheKey(String query, long stepMillis, long phaseMillis, long lookbackMillis) {
    public static CacheKey of(String query, long start, long step, long lookback) {
        return new CacheKey(query, step, Math.floorMod(start, step), lookback);
    }
}
