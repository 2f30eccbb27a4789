package io.weir.server.http;

import io.weir.promql.model.GoFloatFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The server's own metrics, written in Prometheus's text format at {@code /metrics}: requests by
 * handler and status code, query durations by query type, and queries running and waiting.
 */
final class ServerMetrics {
    /** Upper bounds of the query duration buckets, in seconds. */
    private static final double[] BUCKETS = {
        0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120
    };

    private record RequestKey(String handler, int code) {}

    private final ConcurrentMap<RequestKey, LongAdder> requests = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Histogram> queryDurations = new ConcurrentHashMap<>();
    final AtomicLong queriesRunning = new AtomicLong();
    final AtomicLong queriesQueued = new AtomicLong();
    private final int maxConcurrentQueries;
    private final java.util.List<java.util.function.Consumer<StringBuilder>> extras =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    ServerMetrics(int maxConcurrentQueries) {
        this.maxConcurrentQueries = maxConcurrentQueries;
        queryDurations.put("instant", new Histogram());
        queryDurations.put("range", new Histogram());
    }

    /** Adds metrics of another part of the server (the results cache, live push). */
    void add(java.util.function.Consumer<StringBuilder> writer) {
        extras.add(writer);
    }

    void request(String handler, int code) {
        requests.computeIfAbsent(new RequestKey(handler, code), k -> new LongAdder()).increment();
    }

    /** A finished query evaluation (successful or not) of type {@code instant} or {@code range}. */
    void queryDuration(String type, long nanos) {
        queryDurations.get(type).observe(nanos / 1e9);
    }

    /** One bucketed histogram; counts are per bucket, cumulated when written. */
    private static final class Histogram {
        private final LongAdder[] counts = new LongAdder[BUCKETS.length + 1];
        private final LongAdder count = new LongAdder();
        private final java.util.concurrent.atomic.DoubleAdder sum =
                new java.util.concurrent.atomic.DoubleAdder();

        Histogram() {
            for (int i = 0; i < counts.length; i++) {
                counts[i] = new LongAdder();
            }
        }

        void observe(double seconds) {
            int i = 0;
            while (i < BUCKETS.length && seconds > BUCKETS[i]) {
                i++;
            }
            counts[i].increment();
            count.increment();
            sum.add(seconds);
        }
    }

    /** The exposition, in the Prometheus text format 0.0.4. */
    String exposition() {
        StringBuilder sb = new StringBuilder(4096);
        sb.append("# HELP weir_http_requests_total HTTP requests by handler and status code.\n")
                .append("# TYPE weir_http_requests_total counter\n");
        Map<String, Long> sorted = new TreeMap<>();
        for (Map.Entry<RequestKey, LongAdder> e : requests.entrySet()) {
            String labels =
                    "{code=\"" + e.getKey().code() + "\",handler=\"" + e.getKey().handler() + "\"}";
            sorted.put(labels, e.getValue().sum());
        }
        sorted.forEach(
                (labels, n) ->
                        sb.append("weir_http_requests_total")
                                .append(labels)
                                .append(' ')
                                .append(n)
                                .append('\n'));

        sb.append("# HELP weir_query_duration_seconds Query evaluation time, queue included.\n")
                .append("# TYPE weir_query_duration_seconds histogram\n");
        for (String type : new String[] {"instant", "range"}) {
            Histogram h = queryDurations.get(type);
            long cumulative = 0;
            for (int i = 0; i <= BUCKETS.length; i++) {
                cumulative += h.counts[i].sum();
                String le = i < BUCKETS.length ? GoFloatFormat.formatG(BUCKETS[i]) : "+Inf";
                sb.append("weir_query_duration_seconds_bucket{type=\"")
                        .append(type)
                        .append("\",le=\"")
                        .append(le)
                        .append("\"} ")
                        .append(cumulative)
                        .append('\n');
            }
            sb.append("weir_query_duration_seconds_sum{type=\"")
                    .append(type)
                    .append("\"} ")
                    .append(GoFloatFormat.formatG(h.sum.sum()))
                    .append('\n');
            sb.append("weir_query_duration_seconds_count{type=\"")
                    .append(type)
                    .append("\"} ")
                    .append(h.count.sum())
                    .append('\n');
        }

        gauge(sb, "weir_queries_running", "Queries being evaluated.", queriesRunning.get());
        gauge(sb, "weir_queries_queued", "Queries waiting for a free slot.", queriesQueued.get());
        gauge(
                sb,
                "weir_queries_max_concurrent",
                "The most queries evaluated at once.",
                maxConcurrentQueries);
        for (java.util.function.Consumer<StringBuilder> w : extras) {
            w.accept(sb);
        }
        return sb.toString();
    }

    static void counter(StringBuilder sb, String name, String help, String labels, long value) {
        sb.append("# HELP ").append(name).append(' ').append(help).append('\n');
        sb.append("# TYPE ").append(name).append(" counter\n");
        sb.append(name).append(labels).append(' ').append(value).append('\n');
    }

    static void gauge(StringBuilder sb, String name, String help, long value) {
        sb.append("# HELP ").append(name).append(' ').append(help).append('\n');
        sb.append("# TYPE ").append(name).append(" gauge\n");
        sb.append(name).append(' ').append(value).append('\n');
    }
}
