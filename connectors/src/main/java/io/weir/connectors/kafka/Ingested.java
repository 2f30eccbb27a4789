package io.weir.connectors.kafka;

import io.weir.connectors.codec.MetricSample;
import io.weir.connectors.dlq.DeadLetter;
import java.util.Objects;

/**
 * What the metrics source emits: a decoded sample, or a record that could not be decoded. The
 * source never fails on bad input; the job splits dead letters off to {@code weir.dlq} right after
 * the source ({@link io.weir.connectors.flink.SplitDeadLetters}).
 */
public sealed interface Ingested {
    record Sample(MetricSample sample) implements Ingested {
        public Sample {
            Objects.requireNonNull(sample, "sample");
        }
    }

    record Rejected(DeadLetter letter) implements Ingested {
        public Rejected {
            Objects.requireNonNull(letter, "letter");
        }
    }
}
