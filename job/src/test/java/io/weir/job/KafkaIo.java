package io.weir.job;

import io.weir.connectors.codec.CorruptRecordException;
import io.weir.connectors.codec.QueryControl;
import io.weir.connectors.codec.QueryControlCodec;
import io.weir.connectors.codec.QueryRegistration;
import io.weir.connectors.codec.ResultCodec;
import io.weir.connectors.codec.ResultRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;

/** The job tests' Kafka side: registrations, drops, and read_committed reads. */
final class KafkaIo {
    static final String QUERIES = "weir.queries";

    private final KafkaClusterTestKit kafka;

    KafkaIo(KafkaClusterTestKit kafka) {
        this.kafka = kafka;
    }

    KafkaProducer<byte[], byte[]> producer() {
        Properties p = new Properties();
        p.putAll(kafka.clientProperties());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return new KafkaProducer<>(p);
    }

    /** Registers a view, stamped {@code at} (it starts at the first step after). */
    static void register(
            KafkaProducer<byte[], byte[]> producer,
            String name,
            String query,
            long step,
            long lateness,
            long at) {
        register(producer, QUERIES, name, query, step, lateness, at);
    }

    static void drop(KafkaProducer<byte[], byte[]> producer, String name, long at) {
        drop(producer, QUERIES, name, at);
    }

    /** Registers a view on the queries topic {@code topic}, stamped {@code at}. */
    static void register(
            KafkaProducer<byte[], byte[]> producer,
            String topic,
            String name,
            String query,
            long step,
            long lateness,
            long at) {
        send(
                producer,
                topic,
                new QueryControl.Register(
                        new QueryRegistration(
                                name,
                                query,
                                Duration.ofMillis(step),
                                Duration.ofMillis(lateness),
                                Duration.ZERO)),
                at);
    }

    static void drop(KafkaProducer<byte[], byte[]> producer, String topic, String name, long at) {
        send(producer, topic, new QueryControl.Drop(name), at);
    }

    private static void send(
            KafkaProducer<byte[], byte[]> producer, String topic, QueryControl c, long at) {
        // Checked by the flush and the wait for the consumer group that follow.
        var unused =
                producer.send(
                        new ProducerRecord<>(
                                topic,
                                0,
                                at,
                                QueryControlCodec.encodeKey(c),
                                QueryControlCodec.encodeValue(c)));
    }

    /**
     * Waits until the job's consumer group committed the end of {@code topic}: the source commits
     * offsets when a checkpoint completes, and a checkpoint completes only after every stage has
     * processed the records before its barrier, so every stage then knows the registrations.
     */
    void awaitConsumed(JobClient job, String group, String topic) throws Exception {
        try (Admin admin = Admin.create(kafka.clientProperties())) {
            TopicPartition tp = new TopicPartition(topic, 0);
            long endOffset =
                    admin.listOffsets(Map.of(tp, OffsetSpec.latest()))
                            .partitionResult(tp)
                            .get()
                            .offset();
            while (true) {
                Map<TopicPartition, OffsetAndMetadata> committed =
                        admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
                OffsetAndMetadata o = committed.get(tp);
                if (o != null && o.offset() >= endOffset) {
                    return;
                }
                assertRunning(job);
                Thread.sleep(100);
            }
        }
    }

    /** Fails at once, with the job's own failure, when the job is no longer running. */
    static void assertRunning(JobClient job) throws Exception {
        if (job.getJobStatus().get().isGloballyTerminalState()) {
            job.getJobExecutionResult().get();
            throw new AssertionError("the job ended");
        }
    }

    static ResultRecord decode(ConsumerRecord<byte[], byte[]> r) {
        try {
            return ResultCodec.decode(r.key(), r.value());
        } catch (CorruptRecordException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * Every committed record of the topic, read until {@code done} says so or {@code wait} has
     * passed, then up to the end once more; the sink's transactions commit with checkpoints.
     */
    List<ConsumerRecord<byte[], byte[]>> readCommitted(
            JobClient job,
            String topic,
            java.util.function.Predicate<List<ConsumerRecord<byte[], byte[]>>> done,
            Duration wait)
            throws Exception {
        Properties p = new Properties();
        p.putAll(kafka.clientProperties());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class.getName());
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(topic)
                    .forEach(i -> partitions.add(new TopicPartition(topic, i.partition())));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + wait.toNanos();
            while (!done.test(out) && System.nanoTime() < deadline) {
                assertRunning(job);
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
            Map<TopicPartition, Long> endOffsets = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < endOffsets.get(tp))) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }
}
