package io.weir.connectors.kafka;

import io.weir.connectors.codec.Decoded;
import io.weir.connectors.codec.MetricDecoder;
import io.weir.connectors.codec.MetricFormat;
import io.weir.connectors.codec.MetricSample;
import io.weir.connectors.dlq.DeadLetter;
import io.weir.connectors.dlq.DlqReason;
import io.weir.connectors.flink.WeirTypes;
import java.util.EnumMap;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Decodes each record of the metrics topics by its topic's format into {@link Ingested.Sample}s, or
 * one {@link Ingested.Rejected} that keeps the original bytes and says why. It never throws: a job
 * must not fail, nor skip a record silently, because a producer wrote garbage.
 */
public final class MetricRecordDeserializer implements KafkaRecordDeserializationSchema<Ingested> {
    private static final long serialVersionUID = 1L;

    private final TopicFormats formats;
    private transient Map<MetricFormat, MetricDecoder> decoders;

    public MetricRecordDeserializer(TopicFormats formats) {
        this.formats = formats;
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<Ingested> out) {
        Decoded decoded = decode(record);
        if (decoded instanceof Decoded.Samples s) {
            for (MetricSample sample : s.samples()) {
                out.collect(new Ingested.Sample(sample));
            }
        } else if (decoded instanceof Decoded.Failed f) {
            out.collect(new Ingested.Rejected(deadLetter(record, f.reason(), f.message())));
        }
    }

    /** Decodes one record; public so that other readers of the topics decode alike. */
    public Decoded decode(ConsumerRecord<byte[], byte[]> record) {
        MetricFormat format = formats.formatOf(record.topic());
        if (format == null) {
            return Decoded.undecodable("no format configured for topic " + record.topic());
        }
        try {
            return decoder(format).decode(record.key(), record.value(), record.timestamp());
        } catch (RuntimeException e) {
            // A decoder bug must not fail the job either; the record is kept for a replay.
            return Decoded.undecodable(format.code() + " decoder failed: " + e);
        }
    }

    private MetricDecoder decoder(MetricFormat format) {
        if (decoders == null) {
            decoders = new EnumMap<>(MetricFormat.class);
        }
        return decoders.computeIfAbsent(format, MetricFormat::decoder);
    }

    static DeadLetter deadLetter(
            ConsumerRecord<byte[], byte[]> record, DlqReason reason, String message) {
        return new DeadLetter(
                reason,
                message,
                record.topic(),
                record.partition(),
                record.offset(),
                record.timestamp(),
                record.key(),
                record.value());
    }

    @Override
    public TypeInformation<Ingested> getProducedType() {
        return WeirTypes.INGESTED;
    }
}
