package io.weir.connectors.kafka;

import java.time.Duration;
import java.util.Objects;
import java.util.Properties;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * Builds the {@link KafkaSource} of the metrics topics. It reads only committed records ({@code
 * read_committed}), so samples of an aborted producer transaction never count. Pair it with {@link
 * io.weir.connectors.flink.MetricWatermarks}: {@code env.fromSource(source, watermarks, name)} runs
 * the watermark generator per partition (split), so one slow partition holds the watermark back and
 * an idle one does not.
 */
public final class MetricsSource {
    private String bootstrapServers;
    private TopicFormats formats;
    private String groupId = "weir-job";
    private OffsetsInitializer startingOffsets = committedOrEarliest();
    private OffsetsInitializer stoppingOffsets;
    private long maxFutureMillis = Long.MAX_VALUE;
    private final Properties properties = new Properties();

    private MetricsSource() {}

    /**
     * The group's committed offsets, or the earliest where none are committed. The connector takes
     * only Kafka's deprecated reset-strategy enum here, hence the narrow suppression.
     */
    @SuppressWarnings("deprecation")
    private static OffsetsInitializer committedOrEarliest() {
        return OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST);
    }

    public static MetricsSource builder() {
        return new MetricsSource();
    }

    public MetricsSource bootstrapServers(String servers) {
        this.bootstrapServers = servers;
        return this;
    }

    public MetricsSource topics(TopicFormats formats) {
        this.formats = formats;
        return this;
    }

    public MetricsSource groupId(String groupId) {
        this.groupId = groupId;
        return this;
    }

    /** Where a job without a checkpoint starts; by default at the group's committed offsets. */
    public MetricsSource startingOffsets(OffsetsInitializer offsets) {
        this.startingOffsets = offsets;
        return this;
    }

    /** Makes the source bounded: it stops at these offsets (tests, backfills). */
    public MetricsSource boundedAt(OffsetsInitializer offsets) {
        this.stoppingOffsets = offsets;
        return this;
    }

    /**
     * How far a sample may lie ahead of its record's Kafka timestamp; samples further ahead go to
     * the dead letters (reason {@code future}). Unbounded by default.
     */
    public MetricsSource maxFuture(Duration maxFuture) {
        this.maxFutureMillis = maxFuture.toMillis();
        return this;
    }

    /** Any other consumer property. */
    public MetricsSource property(String key, String value) {
        properties.setProperty(key, value);
        return this;
    }

    public KafkaSource<Ingested> build() {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(formats, "topics");
        var b =
                KafkaSource.<Ingested>builder()
                        .setBootstrapServers(bootstrapServers)
                        .setTopics(formats.topics())
                        .setGroupId(groupId)
                        .setStartingOffsets(startingOffsets)
                        .setDeserializer(new MetricRecordDeserializer(formats, maxFutureMillis))
                        .setProperties(properties)
                        .setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        if (stoppingOffsets != null) {
            b.setBounded(stoppingOffsets);
        }
        return b.build();
    }
}
