package io.weir.job;

import io.weir.connectors.codec.CorruptRecordException;
import io.weir.connectors.codec.QueryControl;
import io.weir.connectors.codec.QueryControlCodec;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The queries topic as a stream of registrations and drops, replayed from its start. */
final class QueriesSource {
    private QueriesSource() {}

    static KafkaSource<ViewSpec> build(
            String servers, String topic, String groupId, Duration defaultLateness) {
        return KafkaSource.<ViewSpec>builder()
                .setBootstrapServers(servers)
                .setTopics(topic)
                .setGroupId(groupId)
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setDeserializer(new Decoder(defaultLateness.toMillis()))
                .build();
    }

    /**
     * The control stream never holds back event time: it stays idle, so the stages' watermark is
     * that of the metrics alone. (A maximal watermark instead would become the stages' watermark
     * whenever the metrics go idle, and finalise every open step at once.)
     */
    static WatermarkStrategy<ViewSpec> watermarks() {
        return WatermarkStrategy.forGenerator(ctx -> new NeverLate());
    }

    private static final class NeverLate implements WatermarkGenerator<ViewSpec> {
        @Override
        public void onEvent(ViewSpec event, long eventTimestamp, WatermarkOutput output) {
            output.markIdle();
        }

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {
            output.markIdle();
        }
    }

    /** Decodes control records; a record that does not decode is logged and skipped. */
    static final class Decoder implements KafkaRecordDeserializationSchema<ViewSpec> {
        private static final long serialVersionUID = 1L;
        private static final Logger LOG = LoggerFactory.getLogger(Decoder.class);
        private final long defaultLatenessMillis;

        Decoder(long defaultLatenessMillis) {
            this.defaultLatenessMillis = defaultLatenessMillis;
        }

        @Override
        public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<ViewSpec> out) {
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
