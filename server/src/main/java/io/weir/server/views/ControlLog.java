package io.weir.server.views;

import io.weir.connectors.codec.QueryControl;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * The control topic {@code weir.queries} as the server uses it: it publishes registrations and
 * drops, and follows every record from the beginning to know the current views. Kafka behind it in
 * production ({@link KafkaControlLog}), a list in tests ({@link MemoryControlLog}).
 */
public interface ControlLog extends AutoCloseable {

    /** Publishes a record and returns once it is durable. */
    void publish(QueryControl control) throws IOException;

    /**
     * Delivers every record from the beginning of the log, then each new one, to {@code consumer},
     * on one thread, in log order; returns once the records present at the call were delivered (or
     * the wait gave up, then they arrive later).
     */
    void follow(Consumer<QueryControl> consumer);

    @Override
    void close();
}
