package io.weir.server.http;

import io.weir.connectors.codec.SampleBatch;
import io.weir.promql.eval.MemorySampleStore;
import io.weir.promql.eval.SampleStore;
import io.weir.server.api.KafkaSamplePublisher;
import io.weir.server.api.SamplePublisher;
import io.weir.server.views.KafkaControlLog;
import io.weir.server.views.MemoryControlLog;
import io.weir.server.views.MemoryViewStore;
import io.weir.server.views.ViewRegistry;
import io.weir.server.views.ViewStore;
import java.time.Clock;
import java.util.Map;

/**
 * What the API serves: raw samples, views' history, the registry of views, where imported samples
 * go ({@code null}: import is refused with 503), and how far the raw samples are complete.
 *
 * <p>{@link #close()} closes the registry (and its control log) and the importer; the two stores
 * belong to whoever opened them and are closed by them, after the server.
 */
public record ApiBackends(
        SampleStore samples,
        ViewStore views,
        ViewRegistry registry,
        SamplePublisher importer,
        RawProgress rawProgress)
        implements AutoCloseable {

    public ApiBackends {
        java.util.Objects.requireNonNull(rawProgress, "rawProgress");
    }

    /** Backends over a sample store that is complete (nothing arrives late). */
    public ApiBackends(
            SampleStore samples, ViewStore views, ViewRegistry registry, SamplePublisher importer) {
        this(samples, views, registry, importer, RawProgress.COMPLETE);
    }

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

    /**
     * The production wiring: the registry follows {@code queriesTopic} (reading it from the
     * beginning before this returns, up to 30 s) and publishes to it; imports are produced to
     * {@code metricsTopic}.
     *
     * @param kafka Kafka client settings, at least {@code bootstrap.servers}
     */
    public static ApiBackends kafka(
            SampleStore samples,
            ViewStore views,
            Map<String, Object> kafka,
            String queriesTopic,
            String metricsTopic) {
        ViewRegistry registry =
                new ViewRegistry(
                        new KafkaControlLog(kafka, queriesTopic), views, Clock.systemUTC());
        return new ApiBackends(
                samples, views, registry, new KafkaSamplePublisher(kafka, metricsTopic));
    }

    @Override
    public void close() {
        registry.close();
        if (importer instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                // closing: nothing more to do with it
            }
        }
    }
}
