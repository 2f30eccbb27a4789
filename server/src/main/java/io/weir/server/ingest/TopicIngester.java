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
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * One topic's consumer on its own thread: assigned every partition of the topic (no consumer group,
 * no committed group offsets), it seeks to the positions its store holds, and hands each polled
 * batch with the positions after it to {@link #store}, which writes both in one atomic batch.
 *
 * <p>Partitions added to the topic while it runs are picked up: every {@code partitionRefresh} (the
 * consumer's metadata is refreshed as often) it compares the topic's partitions with its own, and
 * assigns the new ones from their earliest offset (or the stored position, should the store hold
 * one), keeping every other partition at its position: nothing is skipped or read twice.
 */
abstract class TopicIngester implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(TopicIngester.class.getName());
    private static final Duration POLL = Duration.ofMillis(200);

    protected final String topic;
    protected final IngestMetrics.TopicCounters counters;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Thread thread;
    private final long refreshNanos;
    private volatile boolean stopping;
    private List<TopicPartition> partitions = List.of();
    private long lastRefresh;

    TopicIngester(
            String bootstrapServers,
            String topic,
            IngestMetrics metrics,
            Duration partitionRefresh) {
        if (partitionRefresh.isNegative() || partitionRefresh.isZero()) {
            throw new IllegalArgumentException("partitionRefresh must be positive");
        }
        this.topic = topic;
        this.refreshNanos = partitionRefresh.toNanos();
        this.counters = metrics.topic(topic);
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "weir-server-" + topic);
        // Only committed transactions: an aborted result must never be stored.
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // The topic's partitions as the consumer knows them are at most this old.
        p.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, (int) partitionRefresh.toMillis());
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
            seekToStored(partitions);
            lastRefresh = System.nanoTime();
            while (!stopping) {
                if (System.nanoTime() - lastRefresh >= refreshNanos) {
                    lastRefresh = System.nanoTime();
                    addNewPartitions();
                }
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
                        seekToStored(partitions);
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
            List<TopicPartition> found = topicPartitions();
            if (!found.isEmpty()) {
                return found;
            }
            pause();
        }
        return List.of();
    }

    /** The topic's partitions as the consumer's metadata has them, in order; empty if unknown. */
    private List<TopicPartition> topicPartitions() {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(5));
        List<TopicPartition> out = new ArrayList<>();
        if (infos != null) {
            for (PartitionInfo i : infos) {
                out.add(new TopicPartition(topic, i.partition()));
            }
        }
        out.sort((a, b) -> Integer.compare(a.partition(), b.partition()));
        return out;
    }

    /**
     * Assigns partitions the topic has gained. The partitions already assigned are sought back to
     * where they were (their positions are those of the records already stored), so a record
     * fetched but not yet returned is fetched again rather than lost.
     */
    private void addNewPartitions() {
        List<TopicPartition> now;
        try {
            now = topicPartitions();
        } catch (TimeoutException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot list the partitions of " + topic, e);
            return;
        }
        List<TopicPartition> added = new ArrayList<>();
        for (TopicPartition tp : now) {
            if (!partitions.contains(tp)) {
                added.add(tp);
            }
        }
        if (added.isEmpty()) {
            return;
        }
        Map<TopicPartition, Long> at = new HashMap<>();
        for (TopicPartition tp : partitions) {
            at.put(tp, consumer.position(tp));
        }
        List<TopicPartition> all = new ArrayList<>(partitions);
        all.addAll(added);
        all.sort((a, b) -> Integer.compare(a.partition(), b.partition()));
        consumer.assign(all);
        at.forEach(consumer::seek);
        seekToStored(added);
        partitions = List.copyOf(all);
        LOG.log(
                System.Logger.Level.INFO,
                "consuming {0} new partitions of {1}: {2}",
                added.size(),
                topic,
                added);
    }

    /** Seeks each of {@code which} to its stored position, or to its beginning when none. */
    private void seekToStored(List<TopicPartition> which) {
        Map<Integer, Long> stored = new HashMap<>();
        for (StreamPosition p : storedPositions()) {
            if (p.topic().equals(topic)) {
                stored.put(p.partition(), p.nextOffset());
            }
        }
        List<TopicPartition> fresh = new ArrayList<>();
        for (TopicPartition tp : which) {
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
