package io.weir.server.ingest;

import io.weir.connectors.codec.Decoded;
import io.weir.connectors.codec.MetricDecoder;
import io.weir.connectors.codec.MetricFormat;
import io.weir.connectors.codec.MetricSample;
import io.weir.server.http.RawProgress;
import io.weir.server.store.AppendResult;
import io.weir.server.store.RocksSampleStore;
import io.weir.server.store.StreamPosition;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;

/**
 * {@code weir.metrics} (binary sample batches) into the sample store. A record that does not decode
 * is counted and skipped (the job routes it to the dead letters; the server only reads). Retention
 * is applied every 15 minutes (it scans the chunks' index), measured back from the newest sample
 * seen, as Prometheus measures it from its newest block.
 *
 * <p>As {@link RawProgress}, it says how far the store is complete: the oldest, over the topic's
 * partitions, of the newest sample time consumed from a partition as of the last time it was at its
 * end (a partition that has sent nothing since start counts as complete); nothing before every
 * partition has been at its end once. A sample appended at or before the time the results cache may
 * hold raw answers for is counted as late.
 */
final class MetricsIngester extends TopicIngester implements RawProgress {
    private static final System.Logger LOG = System.getLogger(MetricsIngester.class.getName());
    private static final long RETENTION_EVERY_NANOS = 15 * 60_000_000_000L;

    private final RocksSampleStore store;
    private final IngestMetrics metrics;
    private final MetricDecoder decoder = MetricFormat.BINARY.decoder();
    private long newestSample = Long.MIN_VALUE;
    private long lastRetention = System.nanoTime();

    /** Newest sample time consumed from each partition since start. */
    private final Map<Integer, Long> newestByPartition = new HashMap<>();

    /** Each partition's newest sample time as of the last time it was at its end. */
    private final Map<Integer, Long> completeByPartition = new HashMap<>();

    private volatile long completeUntil = Long.MIN_VALUE;
    private volatile long cachedUpTo = Long.MIN_VALUE;

    MetricsIngester(
            String bootstrapServers,
            String topic,
            RocksSampleStore store,
            IngestMetrics metrics,
            Duration partitionRefresh) {
        super(bootstrapServers, topic, metrics, partitionRefresh);
        this.store = store;
        this.metrics = metrics;
    }

    @Override
    protected List<StreamPosition> storedPositions() {
        return store.positions();
    }

    @Override
    protected void store(ConsumerRecords<byte[], byte[]> records, List<StreamPosition> positions)
            throws IOException {
        for (ConsumerRecord<byte[], byte[]> r : records) {
            Decoded d = decoder.decode(r.key(), r.value(), r.timestamp());
            if (d instanceof Decoded.Samples samples) {
                long late = cachedUpTo;
                long newest = newestByPartition.getOrDefault(r.partition(), Long.MIN_VALUE);
                for (MetricSample s : samples.samples()) {
                    AppendResult a = store.append(s.labels(), s.timestampMillis(), s.value());
                    if (a.accepted()) {
                        metrics.samplesAppended.increment();
                        if (s.timestampMillis() <= late) {
                            metrics.samplesLate.increment();
                        }
                        newest = Math.max(newest, s.timestampMillis());
                        newestSample = Math.max(newestSample, s.timestampMillis());
                    } else {
                        metrics.samplesRejected.increment();
                    }
                }
                newestByPartition.put(r.partition(), newest);
            } else if (d instanceof Decoded.Failed failed) {
                counters.undecodable.increment();
                LOG.log(
                        System.Logger.Level.DEBUG,
                        "skipped record {0}-{1}@{2}: {3}",
                        topic,
                        r.partition(),
                        r.offset(),
                        failed.message());
            }
        }
        store.commit(positions);
    }

    @Override
    protected void caughtUp(int partitionCount, List<Integer> partitionsAtEnd) {
        for (int p : partitionsAtEnd) {
            // Nothing consumed since start: every sample of the partition is already stored.
            completeByPartition.put(p, newestByPartition.getOrDefault(p, Long.MAX_VALUE));
        }
        if (completeByPartition.size() < partitionCount) {
            return;
        }
        long oldest = Long.MAX_VALUE;
        for (long t : completeByPartition.values()) {
            oldest = Math.min(oldest, t);
        }
        completeUntil = oldest;
    }

    @Override
    public long completeUntil() {
        return completeUntil;
    }

    @Override
    public void cachedUpTo(long time) {
        if (time > cachedUpTo) {
            cachedUpTo = time;
        }
    }

    @Override
    protected void idle() throws IOException {
        long now = System.nanoTime();
        if (newestSample != Long.MIN_VALUE && now - lastRetention >= RETENTION_EVERY_NANOS) {
            lastRetention = now;
            store.applyRetention(newestSample);
        }
    }
}
