package io.weir.connectors.codec;

import io.weir.connectors.dlq.DlqReason;
import java.util.List;
import java.util.Objects;

/** What one record of {@code weir.metrics} decodes to: its samples, or why it cannot be used. */
public sealed interface Decoded {
    record Samples(List<MetricSample> samples) implements Decoded {
        public Samples {
            samples = List.copyOf(samples);
        }
    }

    record Failed(DlqReason reason, String message) implements Decoded {
        public Failed {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
        }
    }

    static Failed undecodable(String message) {
        return new Failed(DlqReason.UNDECODABLE, message);
    }
}
