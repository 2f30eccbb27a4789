package io.weir.job;

import io.weir.connectors.codec.CorruptRecordException;
import io.weir.connectors.codec.QueryControl;
import io.weir.connectors.codec.QueryControlCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The queries topic as a stream of registrations and drops, replayed from its start.
 *
 * <p>Event time waits for the control stream to be read to its end at start: a stage subtask that
 * saw the metrics' watermark pass a view's first steps before the view's registration reached it
 * would skip those steps while the others computed them, and an aggregation of that step would miss
 * series. So the stream holds the stages' watermark back until it has read, on each partition, the
 * records that were there when the reader started (the decoder then emits {@link
 * ViewSpec#CAUGHT_UP}), or until it has read nothing for {@link #QUIET} (a partition with nothing
 * left to read, as after a restore); from then on it is idle and never holds event time back.
 */
final class QueriesSource {
    /** How long a partition with nothing new to read holds event time back at start. */
    static final Duration QUIET = Duration.ofSeconds(5);

    private QueriesSource() {}

    static KafkaSource<ViewSpec> build(
            String servers, String topic, String groupId, Duration defaultLateness) {
        return KafkaSource.<ViewSpec>builder()
                .setBootstrapServers(servers)
                .setTopics(topic)
                .setGroupId(groupId)
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setDeserializer(new Decoder(servers, topic, defaultLateness.toMillis()))
                .build();
    }

    /**
     * Holds event time until the partition is read to where it ended at start, then stays idle. (A
     * maximal watermark instead would become the stages' watermark whenever the metrics go idle,
     * and finalise every open step at once.)
     */
    static WatermarkStrategy<ViewSpec> watermarks() {
        return WatermarkStrategy.forGenerator(ctx -> new CatchUpThenIdle(QUIET.toNanos()));
    }

    static final class CatchUpThenIdle implements WatermarkGenerator<ViewSpec> {
        private final long quietNanos;
        private long lastActivity = System.nanoTime();
        private boolean caughtUp;

        CatchUpThenIdle(long quietNanos) {
            this.quietNanos = quietNanos;
        }

        @Override
        public void onEvent(ViewSpec event, long eventTimestamp, WatermarkOutput output) {
            lastActivity = System.nanoTime();
            caughtUp |= event.isCaughtUp();
            if (caughtUp) {
                output.markIdle();
            }
        }

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {
            caughtUp |= System.nanoTime() - lastActivity >= quietNanos;
            if (caughtUp) {
                output.markIdle();
            }
            // Before that no watermark at all: the stages' event time stays where it is.
        }
    }

    /** Decodes control records; a record that does not decode is logged and skipped. */
    static final class Decoder implements KafkaRecordDeserializationSchema<ViewSpec> {
        private static final long serialVersionUID = 1L;
        private static final Logger LOG = LoggerFactory.getLogger(Decoder.class);
        private final String servers;
        private final String topic;
        private final long defaultLatenessMillis;

        /** Per partition, the offset after its last record when the reader started. */
        private transient Map<Integer, Long> ends;

        private transient Set<Integer> caughtUp;

        Decoder(String servers, String topic, long defaultLatenessMillis) {
            this.servers = servers;
            this.topic = topic;
            this.defaultLatenessMillis = defaultLatenessMillis;
        }

        @Override
        public void open(DeserializationSchema.InitializationContext context) {
            ends = endOffsets(servers, topic);
            caughtUp = new HashSet<>();
        }

        @Override
        public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<ViewSpec> out) {
            decode(record, out);
            int partition = record.partition();
            Long end = ends == null ? null : ends.get(partition);
            if (end != null && record.offset() >= end - 1 && caughtUp.add(partition)) {
                out.collect(ViewSpec.CAUGHT_UP);
            }
        }

        /**
         * The end offsets of the topic's partitions, or an empty map when the broker does not
         * answer in time (then only {@link #QUIET} ends the wait).
         */
        private static Map<Integer, Long> endOffsets(String servers, String topic) {
            Properties p = new Properties();
            p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
            p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
            p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
            p.put(ConsumerConfig.CLIENT_ID_CONFIG, "weir-queries-end-offsets");
            Duration timeout = Duration.ofSeconds(30);
            try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
                List<TopicPartition> partitions = new ArrayList<>();
                for (PartitionInfo info : consumer.partitionsFor(topic, timeout)) {
                    partitions.add(new TopicPartition(topic, info.partition()));
                }
                Map<Integer, Long> ends = new HashMap<>();
                consumer.endOffsets(partitions, timeout)
                        .forEach((tp, end) -> ends.put(tp.partition(), end));
                return ends;
            } catch (KafkaException e) {
                LOG.warn("could not read the end offsets of {}: {}", topic, e.getMessage());
                return Map.of();
            }
        }

        private void decode(ConsumerRecord<byte[], byte[]> record, Collector<ViewSpec> out) {
            QueryControl control;
            try {
                control = QueryControlCodec.decode(record.key(), record.value());
            } catch (CorruptRecordException e) {
                LOG.warn(
                        "skipping undecodable control record at {}-{}@{}: {}",
                        record.topic(),
                        record.partition(),
                        record.offset(),
                        e.getMessage());
                return;
            }
            if (control instanceof QueryControl.Register r) {
                long lateness = r.registration().lateness().toMillis();
                out.collect(
                        new ViewSpec(
                                r.registration().name(),
                                r.registration().query(),
                                r.registration().step().toMillis(),
                                lateness == 0 ? defaultLatenessMillis : lateness,
                                record.timestamp()));
            } else if (control instanceof QueryControl.Drop d) {
                out.collect(ViewSpec.drop(d.name(), record.timestamp()));
            }
        }

        @Override
        public TypeInformation<ViewSpec> getProducedType() {
            return TypeInformation.of(ViewSpec.class);
        }
    }
}
