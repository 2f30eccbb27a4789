package io.weir.job;

import io.weir.connectors.codec.CorruptRecordException;
import io.weir.connectors.codec.MetricBatchCodec;
import io.weir.connectors.codec.QueryControl;
import io.weir.connectors.codec.QueryControlCodec;
import io.weir.connectors.codec.QueryRegistration;
import io.weir.connectors.codec.ResultCodec;
import io.weir.connectors.codec.ResultRecord;
import io.weir.connectors.codec.SampleBatch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The Kafka side of {@link ExactlyOnceTest}: producing samples and registrations, waiting for the
 * job's consumer group, and reading {@code weir.results} at either isolation level.
 */
final class ExactlyOnceKafka {
    private final Properties client;

    ExactlyOnceKafka(Properties client) {
        this.client = client;
    }

    Sender sender() {
        Properties p = new Properties();
        p.putAll(client);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        return new Sender(new KafkaProducer<>(p));
    }

    /** A producer whose {@link #flush} fails if any send before it failed. */
    static final class Sender implements AutoCloseable {
        private final KafkaProducer<byte[], byte[]> producer;
        private final AtomicReference<Exception> failure = new AtomicReference<>();

        private Sender(KafkaProducer<byte[], byte[]> producer) {
            this.producer = producer;
        }

        void send(ProducerRecord<byte[], byte[]> r) {
            // Checked by flush().
            var unused =
                    producer.send(
                            r,
                            (metadata, e) -> {
                                if (e != null) {
                                    failure.compareAndSet(null, e);
                                }
                            });
        }

        void flush() {
            producer.flush();
            Exception e = failure.get();
            if (e != null) {
                throw new IllegalStateException("a send failed", e);
            }
        }

        @Override
        public void close() {
            producer.close();
        }
    }

    /** A registration stamped {@code at}: the view starts at its first step after that time. */
    static ProducerRecord<byte[], byte[]> registration(
            String topic,
            String name,
            String query,
            long stepMillis,
            long latenessMillis,
            long at) {
        QueryControl c =
                new QueryControl.Register(
                        new QueryRegistration(
                                name,
                                query,
                                Duration.ofMillis(stepMillis),
                                Duration.ofMillis(latenessMillis),
                                Duration.ZERO));
        return new ProducerRecord<>(
                topic, 0, at, QueryControlCodec.encodeKey(c), QueryControlCodec.encodeValue(c));
    }

    /** A batch keyed by its series, so that each series stays on one partition, in order. */
    static ProducerRecord<byte[], byte[]> samples(String topic, SampleBatch b) {
        return new ProducerRecord<>(
                topic, MetricBatchCodec.encodeKey(b.labels()), MetricBatchCodec.encodeValue(b));
    }

    /** A batch sent to one partition, to move that partition's watermark. */
    static ProducerRecord<byte[], byte[]> samples(String topic, int partition, SampleBatch b) {
        return new ProducerRecord<>(topic, partition, null, MetricBatchCodec.encodeValue(b));
    }

    /**
     * Waits until {@code group} committed the end of partition 0 of {@code topic}. The job's
     * sources commit offsets when a checkpoint completes, and a checkpoint completes only after
     * every stage processed the records before its barrier.
     */
    void awaitCommitted(String group, String topic, Runnable stillRunning) throws Exception {
        try (Admin admin = Admin.create(client)) {
            TopicPartition tp = new TopicPartition(topic, 0);
            long end =
                    admin.listOffsets(Map.of(tp, OffsetSpec.latest()))
                            .partitionResult(tp)
                            .get()
                            .offset();
            while (true) {
                Map<TopicPartition, OffsetAndMetadata> committed =
                        admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
                OffsetAndMetadata o = committed.get(tp);
                if (o != null && o.offset() >= end) {
                    return;
                }
                stillRunning.run();
                Thread.sleep(100);
            }
        }
    }

    /** A consumer of every partition of {@code topic} from its beginning. */
    KafkaConsumer<byte[], byte[]> consumer(String topic, String isolation) {
        Properties p = new Properties();
        p.putAll(client);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class.getName());
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p);
        List<TopicPartition> partitions = new ArrayList<>();
        consumer.partitionsFor(topic)
                .forEach(i -> partitions.add(new TopicPartition(topic, i.partition())));
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer;
    }

    /**
     * Reads {@code topic} until {@code done} holds for what was read or {@code timeout} passed,
     * then for {@code settle} more (for anything written again later), then up to the end offsets
     * of that moment (for read_committed: the last stable offsets).
     */
    List<ResultRecord> read(
            String topic,
            String isolation,
            Duration timeout,
            Duration settle,
            Predicate<List<ResultRecord>> done,
            Runnable stillRunning) {
        List<ResultRecord> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(topic, isolation)) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!done.test(out) && System.nanoTime() < deadline) {
                stillRunning.run();
                consumer.poll(Duration.ofMillis(200)).forEach(r -> out.add(decode(r.key(), r)));
            }
            long settled = System.nanoTime() + settle.toNanos();
            while (System.nanoTime() < settled) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> out.add(decode(r.key(), r)));
            }
            Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment());
            while (ends.entrySet().stream()
                    .anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> out.add(decode(r.key(), r)));
            }
        }
        return out;
    }

    private static ResultRecord decode(
            byte[] key, org.apache.kafka.clients.consumer.ConsumerRecord<byte[], byte[]> r) {
        try {
            return ResultCodec.decode(key, r.value());
        } catch (CorruptRecordException e) {
            throw new AssertionError("undecodable result at offset " + r.offset(), e);
        }
    }
}
