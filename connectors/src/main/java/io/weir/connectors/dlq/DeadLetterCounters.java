package io.weir.connectors.dlq;

import java.util.EnumMap;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/**
 * One Flink counter per dead-letter reason, in the metric group {@code weir.dlq}: an operator that
 * routes records to the dead letters creates this in {@code open} from its runtime context's metric
 * group and counts each record it routes, e.g. {@code counters.count(DlqReason.LATE)}.
 */
public final class DeadLetterCounters {
    private final Map<DlqReason, Counter> counters = new EnumMap<>(DlqReason.class);

    private DeadLetterCounters(MetricGroup group) {
        MetricGroup dlq = group.addGroup("weir").addGroup("dlq");
        for (DlqReason r : DlqReason.values()) {
            counters.put(r, dlq.counter(r.code()));
        }
    }

    public static DeadLetterCounters register(MetricGroup group) {
        return new DeadLetterCounters(group);
    }

    public void count(DlqReason reason) {
        counters.get(reason).inc();
    }

    public void count(DlqReason reason, long n) {
        counters.get(reason).inc(n);
    }

    public long get(DlqReason reason) {
        return counters.get(reason).getCount();
    }
}
