package io.weir.job.bench;

import io.weir.connectors.codec.CorruptRecordException;
import io.weir.connectors.codec.ResultCodec;
import io.weir.connectors.codec.ResultKind;
import io.weir.connectors.codec.ResultRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads a results topic with read_committed from its beginning on its own thread and notes when
 * each final result first became visible there ({@link System#nanoTime} when the poll returned it).
 */
final class ResultWatcher implements AutoCloseable {
    /** A result and when it was first seen. */
    record Seen(ResultRecord result, long nanos) {}

    private final Map<String, Seen> first = new ConcurrentHashMap<>();
    private final Map<String, Integer> perView = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean stop;
    private volatile long lastNew;
    private final AtomicLong records = new AtomicLong();
    private volatile Exception failure;

    ResultWatcher(Properties client, String topic) {
        Properties p = new Properties();
        p.putAll(client);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        thread = new Thread(() -> run(p, topic), "results-" + topic);
        thread.setDaemon(true);
        thread.start();
    }

    private void run(Properties p, String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(topic)
                    .forEach(i -> partitions.add(new TopicPartition(topic, i.partition())));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (!stop) {
                var polled = consumer.poll(Duration.ofMillis(20));
                long now = System.nanoTime();
                for (ConsumerRecord<byte[], byte[]> r : polled) {
                    ResultRecord result = ResultCodec.decode(r.key(), r.value());
                    records.incrementAndGet();
                    if (result.kind() != ResultKind.FINAL) {
                        continue; // early results of open steps: not what is measured
                    }
                    String key = result.view() + " " + result.series() + " @" + result.stepMillis();
                    if (first.putIfAbsent(key, new Seen(result, now)) == null) {
                        perView.merge(result.view(), 1, Integer::sum);
                        lastNew = now;
                    }
                }
            }
        } catch (CorruptRecordException | RuntimeException e) {
            failure = e;
        }
    }

    /**
     * Waits until no new result arrived for {@code quiet} (and at least one did), at most {@code
     * timeout}; returns the time of the last new result, or -1 on timeout.
     */
    long awaitQuiet(Duration quiet, Duration timeout, Runnable check) throws Exception {
        return awaitQuiet(quiet, timeout, 0, check);
    }

    /**
     * Waits until neither a new result nor {@code since} ({@link System#nanoTime}, 0 for none) is
     * more recent than {@code quiet}, at most {@code timeout}; returns the time of the last new
     * result, or -1 on timeout.
     */
    long awaitQuiet(Duration quiet, Duration timeout, long since, Runnable check) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (failure != null) {
                throw failure;
            }
            check.run();
            long last = lastNew;
            long latest = since == 0 ? last : Math.max(last, since);
            if (last != 0 && System.nanoTime() - latest >= quiet.toNanos()) {
                return last;
            }
            Thread.sleep(50);
        }
        return -1;
    }

    Map<String, Seen> seen() {
        return first;
    }

    Map<String, Integer> perView() {
        return perView;
    }

    /** Records read, duplicates included. */
    long records() {
        return records.get();
    }

    @Override
    public void close() {
        stop = true;
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
