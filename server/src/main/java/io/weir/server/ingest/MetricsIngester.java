package io.weir.server.ingest;

import io.weir.connectors.codec.Decoded;
import io.weir.connectors.codec.MetricDecoder;
import io.weir.connectors.codec.MetricFormat;
import io.weir.connectors.codec.MetricSample;
import io.weir.server.store.AppendResult;
import io.weir.server.store.RocksSampleStore;
import io.weir.server.store.StreamPosition;
import java.io.IOException;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;

/**
 * {@code weir.metrics} (binary sample batches) into the sample store. A record that does not decode
 * is counted and skipped (the job routes it to the dead letters; the server only reads). Retention
 * is applied every 15 minutes (it scans the chunks' index), measured back from the newest sample
 * seen, as Prometheus measures it from its newest block.
 */
final class MetricsIngester extends TopicIngester {
    private static final System.Logger LOG = System.getLogger(MetricsIngester.class.getName());
    private static final long RETENTION_EVERY_NANOS = 15 * 60_000_000_000L;

    private final RocksSampleStore store;
    private final IngestMetrics metrics;
    private final MetricDecoder decoder = MetricFormat.BINARY.decoder();
    private long newestSample = Long.MIN_VALUE;
    private long lastRetention = System.nanoTime();

    MetricsIngester(
            String bootstrapServers, String topic, RocksSampleStore store, IngestMetrics metrics) {
        super(bootstrapServers, topic, metrics);
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
                for (MetricSample s : samples.samples()) {
                    AppendResult a = store.append(s.labels(), s.timestampMillis(), s.value());
                    if (a.accepted()) {
                        metrics.samplesAppended.increment();
                        newestSample = Math.max(newestSample, s.timestampMillis());
                    } else {
                        metrics.samplesRejected.increment();
                    }
                }
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
    protected void idle() throws IOException {
        long now = System.nanoTime();
        if (newestSample != Long.MIN_VALUE && now - lastRetention >= RETENTION_EVERY_NANOS) {
            lastRetention = now;
            store.applyRetention(newestSample);
        }
    }
}
