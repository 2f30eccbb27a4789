package io.weir.connectors.flink;

import io.weir.connectors.codec.MetricSample;
import io.weir.connectors.dlq.DeadLetterCounters;
import io.weir.connectors.dlq.DeadLetters;
import io.weir.connectors.kafka.Ingested;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Right after the metrics source: samples go on, dead letters go to the {@link DeadLetters#TAG}
 * side output and are counted by reason.
 */
public final class SplitDeadLetters extends ProcessFunction<Ingested, MetricSample>
        implements ResultTypeQueryable<MetricSample> {
    private static final long serialVersionUID = 1L;

    private transient DeadLetterCounters counters;

    @Override
    public void open(OpenContext openContext) {
        counters = DeadLetterCounters.register(getRuntimeContext().getMetricGroup());
    }

    @Override
    public TypeInformation<MetricSample> getProducedType() {
        return WeirTypes.METRIC_SAMPLE;
    }

    @Override
    public void processElement(Ingested value, Context ctx, Collector<MetricSample> out) {
        if (value instanceof Ingested.Sample s) {
            out.collect(s.sample());
        } else if (value instanceof Ingested.Rejected r) {
            counters.count(r.letter().reason());
            ctx.output(DeadLetters.TAG, r.letter());
        }
    }
}
