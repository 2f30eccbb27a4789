package io.weir.server.ingest;

import io.weir.connectors.codec.CorruptRecordException;
import io.weir.connectors.codec.ResultCodec;
import io.weir.connectors.codec.ResultRecord;
import io.weir.server.store.RocksViewStore;
import io.weir.server.store.StreamPosition;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;

/**
 * {@code weir.results} (read committed) into the view store, in the order the records were
 * committed per partition. Views' retention is applied every 5 minutes.
 */
final class ResultsIngester extends TopicIngester {
    private static final System.Logger LOG = System.getLogger(ResultsIngester.class.getName());
    private static final long RETENTION_EVERY_NANOS = 5 * 60_000_000_000L;

    private final RocksViewStore store;
    private final IngestMetrics metrics;
    private long lastRetention = System.nanoTime();

    ResultsIngester(
            String bootstrapServers,
            String topic,
            RocksViewStore store,
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
        List<ResultRecord> results = new ArrayList<>(records.count());
        for (ConsumerRecord<byte[], byte[]> r : records) {
            try {
                results.add(ResultCodec.decode(r.key(), r.value()));
            } catch (CorruptRecordException e) {
                counters.undecodable.increment();
                LOG.log(
                        System.Logger.Level.WARNING,
                        "skipped result {0}-{1}@{2}: {3}",
                        topic,
                        r.partition(),
                        r.offset(),
                        e.getMessage());
            }
        }
        store.write(results, positions);
        metrics.resultsStored.add(results.size());
    }

    @Override
    protected void idle() throws IOException {
        long now = System.nanoTime();
        if (now - lastRetention >= RETENTION_EVERY_NANOS) {
            lastRetention = now;
            store.applyRetention();
        }
    }
}
