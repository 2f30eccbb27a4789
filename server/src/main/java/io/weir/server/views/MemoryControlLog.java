package io.weir.server.views;

import io.weir.connectors.codec.QueryControl;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** A control log in memory, delivering synchronously: for tests and a server without Kafka. */
public final class MemoryControlLog implements ControlLog {
    private final List<QueryControl> records = new ArrayList<>();
    private final List<Consumer<QueryControl>> followers = new ArrayList<>();

    @Override
    public synchronized void publish(QueryControl control) {
        records.add(control);
        for (Consumer<QueryControl> f : followers) {
            f.accept(control);
        }
    }

    @Override
    public synchronized void follow(Consumer<QueryControl> consumer) {
        records.forEach(consumer);
        followers.add(consumer);
    }

    /** Every record published, in order. */
    public synchronized List<QueryControl> records() {
        return List.copyOf(records);
    }

    @Override
    public synchronized void close() {
        followers.clear();
    }
}
