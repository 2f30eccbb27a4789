package io.weir.server.ingest;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.ToLongFunction;

/**
 * Progress and lag of the server's consumers, written in Prometheus's text format by {@link
 * #exposition()} (for the server's {@code /metrics}).
 */
public final class IngestMetrics {
    /** Counters of one consumed topic. */
    static final class TopicCounters {
        final LongAdder records = new LongAdder();
        final LongAdder undecodable = new LongAdder();
        final LongAdder commits = new LongAdder();
        final LongAdder errors = new LongAdder();

        /**
         * Records behind the end of the topic (the last stable offset for transactional topics).
         */
        final AtomicLong lag = new AtomicLong(-1);
    }

    private final ConcurrentMap<String, TopicCounters> topics = new ConcurrentHashMap<>();
    final LongAdder samplesAppended = new LongAdder();
    final LongAdder samplesRejected = new LongAdder();
    final LongAdder resultsStored = new LongAdder();

    /** Raw samples appended for a time the results cache may already hold answers for. */
    final LongAdder samplesLate = new LongAdder();

    TopicCounters topic(String topic) {
        return topics.computeIfAbsent(topic, t -> new TopicCounters());
    }

    /** Records consumed from {@code topic} since start. */
    public long records(String topic) {
        return topic(topic).records.sum();
    }

    /** Records of {@code topic} not yet consumed, or -1 before the consumer knows. */
    public long lag(String topic) {
        return topic(topic).lag.get();
    }

    public long samplesAppended() {
        return samplesAppended.sum();
    }

    public long samplesRejected() {
        return samplesRejected.sum();
    }

    /** Raw samples that arrived for a time the results cache may already hold answers for. */
    public long samplesLate() {
        return samplesLate.sum();
    }

    public long resultsStored() {
        return resultsStored.sum();
    }

    /** The metrics in the Prometheus text format 0.0.4, to append to {@code /metrics}. */
    public String exposition() {
        StringBuilder sb = new StringBuilder(1024);
        Map<String, TopicCounters> sorted = new TreeMap<>(topics);
        perTopic(
                sb,
                sorted,
                "weir_ingest_records_total",
                "counter",
                "Records consumed.",
                c -> c.records.sum());
        perTopic(
                sb,
                sorted,
                "weir_ingest_undecodable_records_total",
                "counter",
                "Records skipped because they do not decode.",
                c -> c.undecodable.sum());
        perTopic(
                sb,
                sorted,
                "weir_ingest_commits_total",
                "counter",
                "Store batches written with their consumed positions.",
                c -> c.commits.sum());
        perTopic(
                sb,
                sorted,
                "weir_ingest_errors_total",
                "counter",
                "Store write failures (the consumer goes back to its stored positions).",
                c -> c.errors.sum());
        perTopic(
                sb,
                sorted,
                "weir_ingest_lag_records",
                "gauge",
                "Records of the topic not yet consumed (-1 while unknown).",
                c -> c.lag.get());
        single(
                sb,
                "weir_ingest_samples_appended_total",
                "Raw samples appended to the sample store.",
                samplesAppended.sum());
        single(
                sb,
                "weir_ingest_samples_rejected_total",
                "Raw samples rejected (out of order or older than the retention).",
                samplesRejected.sum());
        single(
                sb,
                "weir_ingest_samples_late_total",
                "Raw samples appended for a time whose raw answers the results cache may hold.",
                samplesLate.sum());
        single(
                sb,
                "weir_ingest_results_stored_total",
                "View results stored in the view store.",
                resultsStored.sum());
        return sb.toString();
    }

    private static void perTopic(
            StringBuilder sb,
            Map<String, TopicCounters> topics,
            String name,
            String type,
            String help,
            ToLongFunction<TopicCounters> value) {
        sb.append("# HELP ").append(name).append(' ').append(help).append('\n');
        sb.append("# TYPE ").append(name).append(' ').append(type).append('\n');
        for (Map.Entry<String, TopicCounters> e : topics.entrySet()) {
            long v = value.applyAsLong(e.getValue());
            sb.append(name)
                    .append("{topic=\"")
                    .append(e.getKey())
                    .append("\"} ")
                    .append(v)
                    .append('\n');
        }
    }

    private static void single(StringBuilder sb, String name, String help, long value) {
        sb.append("# HELP ").append(name).append(' ').append(help).append('\n');
        sb.append("# TYPE ").append(name).append(" counter\n");
        sb.append(name).append(' ').append(value).append('\n');
    }
}
