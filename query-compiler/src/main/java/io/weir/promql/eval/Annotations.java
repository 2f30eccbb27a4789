package io.weir.promql.eval;

import io.weir.promql.ast.PositionRange;
import io.weir.promql.model.GoFloatFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The warnings and infos of one query (Prometheus's annotations): not errors, reported next to the
 * result. Equal messages are reported once. Thread-safe, since operators run in parallel.
 */
final class Annotations {
    private enum Kind {
        WARNING,
        INFO
    }

    private record Entry(Kind kind, PositionRange pos) {}

    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private final Map<String, Monotonicity> monotonicity = new LinkedHashMap<>();

    /** Where histogram_quantile had to raise bucket counts, merged over steps and groups. */
    private static final class Monotonicity {
        final PositionRange pos;
        long minTs;
        long maxTs;
        double minBucket;
        double maxBucket;
        double maxDiff;
        int count;

        Monotonicity(PositionRange pos, long ts, double minBucket, double maxBucket, double diff) {
            this.pos = pos;
            this.minTs = ts;
            this.maxTs = ts;
            this.minBucket = minBucket;
            this.maxBucket = maxBucket;
            this.maxDiff = diff;
        }
    }

    /** histogram_quantile's info that it forced the buckets of a histogram to be monotonic. */
    synchronized void forcedMonotonicity(
            String metricName,
            PositionRange pos,
            long ts,
            double minBucket,
            double maxBucket,
            double maxDiff) {
        String key =
                "PromQL info: input to histogram_quantile needed to be fixed for monotonicity (see"
                        + " https://prometheus.io/docs/prometheus/latest/querying/functions/#histogram_quantile)"
                        + (metricName.isEmpty() ? "" : " for metric name " + quoted(metricName));
        Monotonicity m = monotonicity.get(key);
        if (m == null) {
            monotonicity.put(key, new Monotonicity(pos, ts, minBucket, maxBucket, maxDiff));
            return;
        }
        m.minTs = Math.min(m.minTs, ts);
        m.maxTs = Math.max(m.maxTs, ts);
        m.minBucket = Math.min(m.minBucket, minBucket);
        m.maxBucket = Math.max(m.maxBucket, maxBucket);
        m.maxDiff = Math.max(m.maxDiff, maxDiff);
        m.count++;
    }

    synchronized void warn(String detail, PositionRange pos) {
        entries.put("PromQL warning: " + detail, new Entry(Kind.WARNING, pos));
    }

    synchronized void info(String detail, PositionRange pos) {
        entries.put("PromQL info: " + detail, new Entry(Kind.INFO, pos));
    }

    List<String> warnings(String query) {
        return list(Kind.WARNING, query);
    }

    List<String> infos(String query) {
        List<String> out = list(Kind.INFO, query);
        synchronized (this) {
            for (Map.Entry<String, Monotonicity> e : monotonicity.entrySet()) {
                Monotonicity m = e.getValue();
                if (query == null || !m.pos.isKnown()) {
                    out.add(e.getKey());
                    continue;
                }
                out.add(
                        e.getKey()
                                + ", from buckets "
                                + GoFloatFormat.formatG(m.minBucket)
                                + " to "
                                + GoFloatFormat.formatG(m.maxBucket)
                                + ", with a max diff of "
                                + GoFloatFormat.formatG(m.maxDiff, 2)
                                + ", over "
                                + (m.count + 1)
                                + " samples from "
                                + rfc3339(m.minTs)
                                + " to "
                                + rfc3339(m.maxTs)
                                + " ("
                                + m.pos.lineColumn(query)
                                + ")");
            }
        }
        return out;
    }

    private static String rfc3339(long millis) {
        return java.time.format.DateTimeFormatter.ISO_INSTANT.format(
                java.time.Instant.ofEpochSecond(Math.floorDiv(millis, 1000L)));
    }

    /** Messages end with the position of the part of the query they concern, when known. */
    private synchronized List<String> list(Kind kind, String query) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, Entry> e : entries.entrySet()) {
            if (e.getValue().kind() != kind) {
                continue;
            }
            PositionRange pos = e.getValue().pos();
            if (query == null || pos == null || !pos.isKnown()) {
                out.add(e.getKey());
            } else {
                out.add(e.getKey() + " (" + pos.lineColumn(query) + ")");
            }
        }
        return out;
    }

    /** Go's %q of a string, as the messages quote metric names and label values. */
    static String quoted(String s) {
        StringBuilder sb = new StringBuilder();
        io.weir.promql.model.Labels.quote(sb, s);
        return sb.toString();
    }

    /** The invalid-quantile warning, when {@code q} is outside [0, 1]. */
    void checkQuantile(double q, PositionRange pos) {
        if (Double.isNaN(q) || q < 0 || q > 1) {
            warn("quantile value should be between 0 and 1, got " + GoFloatFormat.formatG(q), pos);
        }
    }
}
