package io.weir.server.views;

import io.weir.connectors.codec.CorruptRecordException;
import io.weir.connectors.codec.QueryControl;
import io.weir.connectors.codec.QueryControlCodec;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * {@code weir.queries} on Kafka: an idempotent producer that waits for every in-sync replica, and a
 * consumer without a group that reads every partition from the beginning on a thread of its own, so
 * the list of views survives restarts and every server sees the same list.
 */
public final class KafkaControlLog implements ControlLog {
    /** How long {@link #follow} waits for the records already in the topic. */
    private static final Duration CATCH_UP = Duration.ofSeconds(30);

    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

    private final String topic;
    private final Map<String, Object> clientConfig;
    private final KafkaProducer<byte[], byte[]> producer;
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private volatile boolean closed;
    private Thread thread;

    /**
     * @param clientConfig Kafka client settings, at least {@code bootstrap.servers}
     */
    public KafkaControlLog(Map<String, Object> clientConfig, String topic) {
        this.topic = topic;
        this.clientConfig = Map.copyOf(clientConfig);
        Properties p = new Properties();
        p.putAll(clientConfig);
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        this.producer = new KafkaProducer<>(p);
    }

    @Override
    public void publish(QueryControl control) throws IOException {
        ProducerRecord<byte[], byte[]> record =
                new ProducerRecord<>(
                        topic,
                        QueryControlCodec.encodeKey(control),
                        QueryControlCodec.encodeValue(control));
        try {
            producer.send(record).get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while publishing to " + topic, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("cannot publish to " + topic + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void follow(Consumer<QueryControl> sink) {
        if (thread != null) {
            throw new IllegalStateException("already followed");
        }
        Properties p = new Properties();
        p.putAll(clientConfig);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // Reading must not create the topic (it would lack the compaction it needs).
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        p.remove(ConsumerConfig.GROUP_ID_CONFIG);
        consumer = new KafkaConsumer<>(p);
        CountDownLatch caughtUp = new CountDownLatch(1);
        thread = new Thread(() -> run(sink, caughtUp), "weir-queries-follower");
        thread.setDaemon(true);
        thread.start();
        try {
            caughtUp.await(CATCH_UP.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run(Consumer<QueryControl> sink, CountDownLatch caughtUp) {
        KafkaConsumer<byte[], byte[]> c = consumer;
        try {
            List<TopicPartition> partitions = partitions(c);
            while (partitions.isEmpty() && !closed) {
                // No such topic yet: nothing to catch up with; follow it once it exists.
                caughtUp.countDown();
                Thread.sleep(1000);
                partitions = partitions(c);
            }
            c.assign(partitions);
            c.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = c.endOffsets(partitions);
            while (!closed) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(500))) {
                    try {
                        sink.accept(QueryControlCodec.decode(r.key(), r.value()));
                    } catch (CorruptRecordException e) {
                        // The job sends such records to the dead letters; here they are skipped.
                        System.err.println(
                                "weir: skipping bad record at "
                                        + r.topic()
                                        + "-"
                                        + r.partition()
                                        + "@"
                                        + r.offset()
                                        + ": "
                                        + e.getMessage());
                    }
                }
                if (caughtUp.getCount() > 0 && reached(c, end)) {
                    caughtUp.countDown();
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            caughtUp.countDown();
            c.close();
        }
    }

    private List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> c) {
        List<TopicPartition> out = new ArrayList<>();
        List<PartitionInfo> infos = c.partitionsFor(topic, Duration.ofSeconds(30));
        if (infos != null) {
            for (PartitionInfo info : infos) {
                out.add(new TopicPartition(topic, info.partition()));
            }
        }
        return out;
    }

    private static boolean reached(KafkaConsumer<byte[], byte[]> c, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (c.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        closed = true;
        KafkaConsumer<byte[], byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t != null) {
            try {
                t.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        producer.close(Duration.ofSeconds(5));
    }
}
