package io.weir.connectors.kafka;

import io.weir.connectors.codec.Decoded;
import io.weir.connectors.codec.MetricBatchCodec;
import io.weir.connectors.codec.MetricDecoder;
import io.weir.connectors.codec.MetricFormat;
import io.weir.connectors.codec.MetricSample;
import io.weir.connectors.codec.SampleBatch;
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
    private final long maxFutureMillis;
    private transient Map<MetricFormat, MetricDecoder> decoders;

    /** Accepts samples however far ahead of their record's timestamp. */
    public MetricRecordDeserializer(TopicFormats formats) {
        this(formats, Long.MAX_VALUE);
    }

    /**
     * @param maxFutureMillis how far a sample may lie ahead of its record's Kafka timestamp; a
     *     sample further ahead becomes a dead letter (reason {@code future})
     */
    public MetricRecordDeserializer(TopicFormats formats, long maxFutureMillis) {
        this.formats = formats;
        this.maxFutureMillis = maxFutureMillis;
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<Ingested> out) {
        Decoded decoded = decode(record);
        if (decoded instanceof Decoded.Samples s) {
            for (MetricSample sample : s.samples()) {
                if (tooFarAhead(sample, record.timestamp())) {
                    out.collect(new Ingested.Rejected(future(record, sample)));
                } else {
                    out.collect(new Ingested.Sample(sample));
                }
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

    private boolean tooFarAhead(MetricSample sample, long recordMillis) {
        // Compared with the record's own time, not the clock: a replay decides alike.
        return recordMillis >= 0
                && maxFutureMillis != Long.MAX_VALUE
                && sample.timestampMillis() - recordMillis > maxFutureMillis;
    }

    /** A dead letter of one sample, alone in a batch, with the reason and the distance. */
    private DeadLetter future(ConsumerRecord<byte[], byte[]> record, MetricSample sample) {
        return new DeadLetter(
                DlqReason.FUTURE,
                "sample at "
                        + sample.timestampMillis()
                        + " is more than "
                        + maxFutureMillis
                        + " ms ahead of its record's timestamp "
                        + record.timestamp(),
                record.topic(),
                record.partition(),
                record.offset(),
                sample.timestampMillis(),
                MetricBatchCodec.encodeKey(sample.labels()),
                MetricBatchCodec.encodeValue(
                        SampleBatch.of(sample.labels(), sample.timestampMillis(), sample.value())));
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
