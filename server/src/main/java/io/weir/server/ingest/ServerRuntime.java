package io.weir.server.ingest;

import io.weir.server.api.KafkaSamplePublisher;
import io.weir.server.http.ApiBackends;
import io.weir.server.http.RawProgress;
import io.weir.server.store.RocksSampleStore;
import io.weir.server.store.RocksViewStore;
import io.weir.server.store.StoreOptions;
import io.weir.server.views.KafkaControlLog;
import io.weir.server.views.MemoryControlLog;
import io.weir.server.views.ViewRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The stores of one server and, when a Kafka cluster is given, the consumers that fill them: the
 * sample store in {@code <data dir>/samples} fed by the metrics topic, the view store in {@code
 * <data dir>/views} fed by the results and queries topics. {@link #close()} stops the consumers,
 * then commits and closes the stores.
 */
public final class ServerRuntime implements AutoCloseable {
    /**
     * What a runtime is built from.
     *
     * @param dataDir where the RocksDB stores live
     * @param bootstrapServers Kafka's bootstrap servers, or {@code null} to serve the stores
     *     without consuming
     * @param retentionMillis how long raw samples are kept, 0 for ever
     */
    public record Config(
            Path dataDir,
            String bootstrapServers,
            String metricsTopic,
            String resultsTopic,
            String queriesTopic,
            long retentionMillis) {
        public Config {
            Objects.requireNonNull(dataDir, "dataDir");
            Objects.requireNonNull(metricsTopic, "metricsTopic");
            Objects.requireNonNull(resultsTopic, "resultsTopic");
            Objects.requireNonNull(queriesTopic, "queriesTopic");
            if (retentionMillis < 0) {
                throw new IllegalArgumentException("negative retention");
            }
        }

        /** The default topics, {@code weir.metrics}, {@code weir.results}, {@code weir.queries}. */
        public static Config of(Path dataDir, String bootstrapServers, long retentionMillis) {
            return new Config(
                    dataDir,
                    bootstrapServers,
                    "weir.metrics",
                    "weir.results",
                    "weir.queries",
                    retentionMillis);
        }
    }

    private final Config config;
    private final RocksSampleStore samples;
    private final RocksViewStore views;
    private final IngestMetrics metrics = new IngestMetrics();
    private final List<TopicIngester> ingesters = new ArrayList<>();
    private final List<AutoCloseable> apiParts = new ArrayList<>();
    private RawProgress rawProgress = RawProgress.COMPLETE;

    private ServerRuntime(Config config, RocksSampleStore samples, RocksViewStore views) {
        this.config = config;
        this.samples = samples;
        this.views = views;
    }

    /** How often the consumers look for partitions added to their topics. */
    static final Duration PARTITION_REFRESH = Duration.ofSeconds(30);

    /** Opens the stores and, with bootstrap servers, starts consuming. */
    public static ServerRuntime start(Config config) throws IOException {
        return start(config, PARTITION_REFRESH);
    }

    /** As {@link #start(Config)}, looking for new partitions every {@code partitionRefresh}. */
    static ServerRuntime start(Config config, Duration partitionRefresh) throws IOException {
        RocksSampleStore samples =
                RocksSampleStore.open(
                        config.dataDir().resolve("samples"),
                        StoreOptions.defaults().withRetentionMillis(config.retentionMillis()));
        RocksViewStore views;
        try {
            views = RocksViewStore.open(config.dataDir().resolve("views"));
        } catch (IOException | RuntimeException e) {
            samples.close();
            throw e;
        }
        ServerRuntime runtime = new ServerRuntime(config, samples, views);
        String kafka = config.bootstrapServers();
        if (kafka != null) {
            try {
                // Registrations first, so that views' retention is known before their results.
                runtime.ingesters.add(
                        new QueriesIngester(
                                kafka,
                                config.queriesTopic(),
                                views,
                                runtime.metrics,
                                partitionRefresh));
                runtime.ingesters.add(
                        new ResultsIngester(
                                kafka,
                                config.resultsTopic(),
                                views,
                                runtime.metrics,
                                partitionRefresh));
                MetricsIngester raw =
                        new MetricsIngester(
                                kafka,
                                config.metricsTopic(),
                                samples,
                                runtime.metrics,
                                partitionRefresh);
                runtime.ingesters.add(raw);
                runtime.rawProgress = raw;
            } catch (RuntimeException e) {
                runtime.close();
                throw e;
            }
            runtime.ingesters.forEach(TopicIngester::start);
        }
        return runtime;
    }

    /** Raw samples, for ad-hoc queries. */
    public RocksSampleStore sampleStore() {
        return samples;
    }

    /** Views' history, for the views API, live push and the results cache. */
    public RocksViewStore viewStore() {
        return views;
    }

    /**
     * How far the sample store holds every raw sample: all of it without Kafka, otherwise as far as
     * the metrics topic's consumer has caught up.
     */
    public RawProgress rawProgress() {
        return rawProgress;
    }

    /** The consumers' progress and lag; {@link IngestMetrics#exposition()} for {@code /metrics}. */
    public IngestMetrics metrics() {
        return metrics;
    }

    /**
     * What the HTTP API serves from this runtime: the two stores, the registry of views on the
     * queries topic, and the metrics topic for imports; without Kafka, views are registered in
     * memory and imports refused. The runtime closes what it made here.
     */
    public synchronized ApiBackends apiBackends() {
        String kafka = config.bootstrapServers();
        if (kafka == null) {
            ViewRegistry registry =
                    new ViewRegistry(new MemoryControlLog(), views, Clock.systemUTC());
            apiParts.add(registry);
            return new ApiBackends(samples, views, registry, null);
        }
        Map<String, Object> client = Map.of("bootstrap.servers", kafka);
        ViewRegistry registry =
                new ViewRegistry(
                        new KafkaControlLog(client, config.queriesTopic()),
                        new ApiViewStore(views),
                        Clock.systemUTC());
        apiParts.add(registry);
        KafkaSamplePublisher importer = new KafkaSamplePublisher(client, config.metricsTopic());
        apiParts.add(importer);
        return new ApiBackends(samples, views, registry, importer, rawProgress);
    }

    @Override
    public void close() throws IOException {
        for (AutoCloseable part : apiParts) {
            try {
                part.close();
            } catch (Exception e) {
                // Closing a producer or the registry's consumer: nothing to save, go on.
            }
        }
        ingesters.forEach(TopicIngester::close);
        try {
            samples.close();
        } finally {
            views.close();
        }
    }
}
