package io.weir.server.ingest;

import io.weir.connectors.codec.CorruptRecordException;
import io.weir.connectors.codec.QueryControl;
import io.weir.connectors.codec.QueryControlCodec;
import io.weir.server.store.RocksViewStore;
import io.weir.server.store.StreamPosition;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;

/**
 * The compacted {@code weir.queries} into the view store: a registration sets the view's retention,
 * a tombstone drops the view and frees its history. Each record is applied with the position after
 * it, so a record is applied exactly once even across a crash.
 */
final class QueriesIngester extends TopicIngester {
    private static final System.Logger LOG = System.getLogger(QueriesIngester.class.getName());

    private final RocksViewStore store;

    QueriesIngester(
            String bootstrapServers,
            String topic,
            RocksViewStore store,
            IngestMetrics metrics,
            Duration partitionRefresh) {
        super(bootstrapServers, topic, metrics, partitionRefresh);
        this.store = store;
    }

    @Override
    protected List<StreamPosition> storedPositions() {
        return store.positions();
    }

    @Override
    protected void store(ConsumerRecords<byte[], byte[]> records, List<StreamPosition> positions)
            throws IOException {
        for (ConsumerRecord<byte[], byte[]> r : records) {
            List<StreamPosition> after =
                    List.of(new StreamPosition(topic, r.partition(), r.offset() + 1));
            QueryControl control;
            try {
                control = QueryControlCodec.decode(r.key(), r.value());
            } catch (CorruptRecordException e) {
                counters.undecodable.increment();
                LOG.log(
                        System.Logger.Level.WARNING,
                        "skipped control record {0}-{1}@{2}: {3}",
                        topic,
                        r.partition(),
                        r.offset(),
                        e.getMessage());
                continue;
            }
            // Java 17 has no pattern switch; the sealed interface has exactly these two kinds.
            if (control instanceof QueryControl.Register reg) {
                store.register(reg.name(), reg.registration().retention().toMillis(), after);
            } else {
                store.drop(control.name(), after);
            }
        }
        // Skipped records and transaction markers: move the positions past them too.
        store.write(List.of(), positions);
    }
}
