package io.weir.connectors.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.weir.connectors.codec.MetricSample;
import io.weir.connectors.dlq.DeadLetter;
import io.weir.connectors.dlq.DlqReason;
import io.weir.connectors.kafka.Ingested;
import io.weir.promql.model.Labels;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.junit.jupiter.api.Test;

class MetricWatermarksTest {
    private static final class Recorded implements WatermarkOutput {
        final List<Long> marks = new ArrayList<>();

        @Override
        public void emitWatermark(Watermark watermark) {
            marks.add(watermark.getTimestamp());
        }

        @Override
        public void markIdle() {}

        @Override
        public void markActive() {}
    }

    private static Ingested sample(long t) {
        return new Ingested.Sample(new MetricSample(Labels.of("__name__", "up"), t, 1));
    }

    @Test
    void watermarkTrailsSamplesAndIgnoresDeadLetters() {
        MetricWatermarks.SamplesOnly g = new MetricWatermarks.SamplesOnly(Duration.ofSeconds(10));
        Recorded out = new Recorded();
        g.onEvent(sample(100_000), 100_000, out);
        g.onEvent(sample(90_000), 90_000, out);
        Ingested letter =
                new Ingested.Rejected(
                        new DeadLetter(
                                DlqReason.UNDECODABLE, "x", "t", 0, 0, 999_999_999, null, null));
        g.onEvent(letter, MetricWatermarks.eventTime(letter, 999_999_999), out);
        g.onPeriodicEmit(out);
        assertEquals(List.of(100_000L - 10_000 - 1), out.marks);
        assertEquals(5L, MetricWatermarks.eventTime(sample(5), 77));
    }
}
