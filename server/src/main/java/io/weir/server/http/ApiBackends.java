package io.weir.server.http;

import io.weir.connectors.codec.SampleBatch;
import io.weir.promql.eval.MemorySampleStore;
import io.weir.promql.eval.SampleStore;
import io.weir.server.api.SamplePublisher;
import io.weir.server.views.MemoryControlLog;
import io.weir.server.views.MemoryViewStore;
import io.weir.server.views.ViewRegistry;
import io.weir.server.views.ViewStore;
import java.time.Clock;

/**
 * What the API serves: raw samples, views' history, the registry of views, and where imported
 * samples go ({@code null}: import is refused with 503). The caller owns them and closes them after
 * the server.
 */
public record ApiBackends(
        SampleStore samples, ViewStore views, ViewRegistry registry, SamplePublisher importer) {

    /**
     * Everything in memory, without Kafka: views can be registered and listed but nothing computes
     * them; imported samples go straight into {@code samples} when it is a {@link
     * MemorySampleStore}.
     */
    public static ApiBackends inMemory(SampleStore samples) {
        MemoryViewStore views = new MemoryViewStore();
        ViewRegistry registry = new ViewRegistry(new MemoryControlLog(), views, Clock.systemUTC());
        SamplePublisher importer = null;
        if (samples instanceof MemorySampleStore m) {
            importer =
                    batches -> {
                        for (SampleBatch b : batches) {
                            m.appendAll(b.labels(), b.timestamps(), b.values(), b.size());
                        }
                    };
        }
        return new ApiBackends(samples, views, registry, importer);
    }

    /** Closes the registry and the view store (for backends made by {@link #inMemory}). */
    void closeViews() {
        registry.close();
        views.close();
    }
}
