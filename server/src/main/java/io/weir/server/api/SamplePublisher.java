package io.weir.server.api;

import io.weir.connectors.codec.SampleBatch;
import java.io.IOException;
import java.util.List;

/**
 * Where {@code POST /api/v1/import} sends samples: {@code weir.metrics} on Kafka ({@link
 * KafkaSamplePublisher}), or straight into a store when the server runs without Kafka.
 */
@FunctionalInterface
public interface SamplePublisher {
    /** Publishes the batches and returns once they are durable. */
    void publish(List<SampleBatch> batches) throws IOException;
}
