package io.weir.server.http;

import io.weir.server.cache.ResultsCache;
import io.weir.server.live.LiveHub;

/** The {@code /metrics} lines of the results cache and of live push. */
final class PartMetrics {
    private PartMetrics() {}

    static void write(StringBuilder sb, ResultsCache cache, LiveHub live) {
        if (cache != null) {
            sb.append("# HELP weir_results_cache_requests_total Range queries by how much of")
                    .append(" their answer the results cache held.\n")
                    .append("# TYPE weir_results_cache_requests_total counter\n");
            sb.append("weir_results_cache_requests_total{result=\"hit\"} ")
                    .append(cache.hits.get())
                    .append('\n');
            sb.append("weir_results_cache_requests_total{result=\"miss\"} ")
                    .append(cache.misses.get())
                    .append('\n');
            sb.append("weir_results_cache_requests_total{result=\"partial\"} ")
                    .append(cache.partialHits.get())
                    .append('\n');
            sb.append("# HELP weir_results_cache_steps_total Range query steps answered from")
                    .append(" the cache or computed.\n")
                    .append("# TYPE weir_results_cache_steps_total counter\n");
            sb.append("weir_results_cache_steps_total{source=\"cache\"} ")
                    .append(cache.stepsFromCache.get())
                    .append('\n');
            sb.append("weir_results_cache_steps_total{source=\"computed\"} ")
                    .append(cache.stepsComputed.get())
                    .append('\n');
            ServerMetrics.counter(
                    sb,
                    "weir_results_cache_evictions_total",
                    "Cached extents evicted to stay within the bound.",
                    "",
                    cache.evictions.get());
            ServerMetrics.counter(
                    sb,
                    "weir_results_cache_invalidations_total",
                    "Cached extents cut by late corrections of views.",
                    "",
                    cache.invalidations.get());
            ServerMetrics.gauge(
                    sb,
                    "weir_results_cache_bytes",
                    "Estimated bytes held by the results cache.",
                    cache.bytes());
        }
        ServerMetrics.gauge(sb, "weir_live_streams", "Live streams open.", live.subscribers());
        ServerMetrics.counter(
                sb,
                "weir_live_events_total",
                "Results queued for live streams.",
                "",
                live.events.get());
        ServerMetrics.counter(
                sb,
                "weir_live_dropped_events_total",
                "Results lost by live streams cut off for being slow.",
                "",
                live.droppedEvents.get());
        ServerMetrics.counter(
                sb,
                "weir_live_dropped_streams_total",
                "Live streams cut off for being slow.",
                "",
                live.droppedSubscribers.get());
    }
}
