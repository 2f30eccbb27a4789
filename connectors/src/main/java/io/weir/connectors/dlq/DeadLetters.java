package io.weir.connectors.dlq;

import io.weir.connectors.codec.MetricBatchCodec;
import io.weir.connectors.codec.MetricSample;
import io.weir.connectors.codec.SampleBatch;
import io.weir.connectors.flink.WeirTypes;
import org.apache.flink.util.OutputTag;

/** The side output that every operator of the job uses for records bound for {@code weir.dlq}. */
public final class DeadLetters {
    /** One tag for all operators, so the job can union their dead letters into one sink. */
    public static final OutputTag<DeadLetter> TAG =
            new OutputTag<>("weir-dlq", WeirTypes.DEAD_LETTER);

    private DeadLetters() {}

    /**
     * A sample that came too late for the views that need it. Its record is rebuilt in the binary
     * batch format (key = series hash), so the dead letter can be replayed like any other; the
     * original partition and offset are no longer known downstream of the source.
     *
     * @param topic the metrics topic the sample was read from, or the default metrics topic
     */
    public static DeadLetter late(MetricSample sample, String topic, String message) {
        return new DeadLetter(
                DlqReason.LATE,
                message,
                topic,
                DeadLetter.NO_PARTITION,
                DeadLetter.NO_OFFSET,
                sample.timestampMillis(),
                MetricBatchCodec.encodeKey(sample.labels()),
                MetricBatchCodec.encodeValue(
                        SampleBatch.of(sample.labels(), sample.timestampMillis(), sample.value())));
    }
}
