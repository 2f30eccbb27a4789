package io.weir.connectors.flink;

import io.weir.connectors.kafka.Ingested;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.BoundedOutOfOrdernessWatermarks;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Event-time watermarks of the metrics source: a sample's time is its own timestamp; the watermark
 * trails the largest sample time seen by the allowed out-of-orderness; a partition without data for
 * the idleness timeout stops holding the watermark back. Given to {@code env.fromSource}, the
 * strategy runs per Kafka partition and Flink combines them with the minimum. Dead letters carry no
 * event time and never move a watermark.
 */
public final class MetricWatermarks {
    private MetricWatermarks() {}

    public static WatermarkStrategy<Ingested> strategy(
            Duration maxOutOfOrderness, Duration idleness) {
        WatermarkStrategy<Ingested> s =
                WatermarkStrategy.<Ingested>forGenerator(ctx -> new SamplesOnly(maxOutOfOrderness))
                        .withTimestampAssigner((e, recordTime) -> eventTime(e, recordTime));
        return idleness.isZero() ? s : s.withIdleness(idleness);
    }

    static long eventTime(Ingested e, long recordTime) {
        if (e instanceof Ingested.Sample s) {
            return s.sample().timestampMillis();
        }
        return recordTime;
    }

    /** Bounded out-of-orderness over samples; dead letters pass without effect. */
    static final class SamplesOnly implements WatermarkGenerator<Ingested> {
        private final BoundedOutOfOrdernessWatermarks<Ingested> inner;

        SamplesOnly(Duration maxOutOfOrderness) {
            this.inner = new BoundedOutOfOrdernessWatermarks<>(maxOutOfOrderness);
        }

        @Override
        public void onEvent(Ingested event, long eventTimestamp, WatermarkOutput output) {
            if (event instanceof Ingested.Sample) {
                inner.onEvent(event, eventTimestamp, output);
            }
        }

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {
            inner.onPeriodicEmit(output);
        }
    }
}
