package io.weir.server.ingest;

import io.weir.server.store.StreamPosition;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * One topic's consumer on its own thread: assigned every partition of the topic (no consumer group,
 * no committed group offsets), it seeks to the positions its store holds, and hands each polled
 * batch with the positions after it to {@link #store}, which writes both in one atomic batch.
 */
abstract class TopicIngester implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(TopicIngester.class.getName());
    private static final Duration POLL = Duration.ofMillis(200);

    protected final String topic;
    protected final IngestMetrics.TopicCounters counters;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Thread thread;
    private volatile boolean stopping;
    private List<TopicPartition> partitions = List.of();

    TopicIngester(String bootstrapServers, String topic, IngestMetrics metrics) {
        this.topic = topic;
        this.counters = metrics.topic(topic);
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "weir-server-" + topic);
        // Only committed transactions: an aborted result must never be stored.
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        this.consumer =
                new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.thread = new Thread(this::run, "weir-ingest-" + topic);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** The positions the store holds for this topic, by partition. */
    protected abstract List<StreamPosition> storedPositions();

    /** Writes the records and the positions after them in one atomic batch. */
    protected abstract void store(
            ConsumerRecords<byte[], byte[]> records, List<StreamPosition> positions)
            throws IOException;

    /** Housekeeping between polls (retention); runs on the consumer's thread. */
    protected void idle() throws IOException {}

    /**
     * Called after each poll with the topic's partition count and the partitions whose every record
     * (up to the last stable offset) is stored; runs on the consumer's thread.
     */
    protected void caughtUp(int partitionCount, List<Integer> partitionsAtEnd) {}

    private void run() {
        try {
            partitions = awaitPartitions();
            if (partitions.isEmpty()) {
                return;
            }
            consumer.assign(partitions);
            seekToStored();
            while (!stopping) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
                if (!records.isEmpty()) {
                    counters.records.add(records.count());
                    try {
                        store(records, positions());
                        counters.commits.increment();
                    } catch (IOException e) {
                        counters.errors.increment();
                        LOG.log(System.Logger.Level.ERROR, "cannot store from " + topic, e);
                        pause();
                        seekToStored();
                    }
                }
                updateLag();
                try {
                    idle();
                } catch (IOException e) {
                    LOG.log(System.Logger.Level.WARNING, "housekeeping failed for " + topic, e);
                }
            }
        } catch (WakeupException e) {
            if (!stopping) {
                throw e;
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "consumer of " + topic + " stopped", e);
            counters.errors.increment();
        } finally {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(2)));
        }
    }

    /** Waits until the topic exists (a server may start before the topics are created). */
    private List<TopicPartition> awaitPartitions() {
        while (!stopping) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(5));
            if (infos != null && !infos.isEmpty()) {
                List<TopicPartition> out = new ArrayList<>();
                for (PartitionInfo i : infos) {
                    out.add(new TopicPartition(topic, i.partition()));
                }
                out.sort((a, b) -> Integer.compare(a.partition(), b.partition()));
                return out;
            }
            pause();
        }
        return List.of();
    }

    private void seekToStored() {
        Map<Integer, Long> stored = new HashMap<>();
        for (StreamPosition p : storedPositions()) {
            if (p.topic().equals(topic)) {
                stored.put(p.partition(), p.nextOffset());
            }
        }
        List<TopicPartition> fresh = new ArrayList<>();
        for (TopicPartition tp : partitions) {
            Long next = stored.get(tp.partition());
            if (next == null) {
                fresh.add(tp);
            } else {
                consumer.seek(tp, next);
            }
        }
        if (!fresh.isEmpty()) {
            consumer.seekToBeginning(fresh);
        }
    }

    /** Where the next poll continues, for every assigned partition. */
    private List<StreamPosition> positions() {
        List<StreamPosition> out = new ArrayList<>(partitions.size());
        for (TopicPartition tp : partitions) {
            out.add(new StreamPosition(topic, tp.partition(), consumer.position(tp)));
        }
        return out;
    }

    private void updateLag() {
        long total = 0;
        boolean known = true;
        List<Integer> atEnd = new ArrayList<>(partitions.size());
        for (TopicPartition tp : partitions) {
            OptionalLong lag = consumer.currentLag(tp);
            if (lag.isEmpty()) {
                known = false;
            } else {
                total += lag.getAsLong();
                if (lag.getAsLong() == 0) {
                    atEnd.add(tp.partition());
                }
            }
        }
        if (known) {
            counters.lag.set(total);
        }
        caughtUp(partitions.size(), atEnd);
    }

    private void pause() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
        }
    }

    /** Stops polling and waits for the thread; the store is left as of the last batch. */
    @Override
    public void close() {
        stopping = true;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
