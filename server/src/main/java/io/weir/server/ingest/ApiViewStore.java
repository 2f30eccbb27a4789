package io.weir.server.ingest;

import io.weir.connectors.codec.ResultRecord;
import io.weir.promql.ast.LabelMatcher;
import io.weir.server.store.RocksViewStore;
import io.weir.server.views.ViewListener;
import io.weir.server.views.ViewStore;
import java.io.IOException;
import java.util.List;
import java.util.OptionalLong;

/**
 * The view store as the API's registry sees it when the server consumes Kafka. Drops are left to
 * the consumer of the queries topic, which applies every record once, in the topic's order, with
 * its position: the registry replays the whole topic on start, and a replayed old drop must not
 * free a view that was registered again since. Closing is left to the {@link ServerRuntime}.
 */
final class ApiViewStore implements ViewStore {
    private final RocksViewStore store;

    ApiViewStore(RocksViewStore store) {
        this.store = store;
    }

    @Override
    public void write(List<ResultRecord> results) throws IOException {
        store.write(results);
    }

    @Override
    public OptionalLong lastFinalStep(String view) {
        return store.lastFinalStep(view);
    }

    /** Nothing: the tombstone the registry publishes reaches the queries consumer, which drops. */
    @Override
    public void drop(String view) {}

    @Override
    public AutoCloseable subscribe(ViewListener listener) {
        return store.subscribe(listener);
    }

    @Override
    public List<StoredSeries> select(List<LabelMatcher> matchers, long minTime, long maxTime) {
        return store.select(matchers, minTime, maxTime);
    }

    @Override
    public List<String> labelNames() {
        return store.labelNames();
    }

    @Override
    public List<String> labelValues(String name) {
        return store.labelValues(name);
    }

    @Override
    public void close() {}
}
