package io.weir.connectors.codec;

/** Decodes {@link MetricBatchCodec} records, checking the key against the labels. */
public final class BinaryBatchDecoder implements MetricDecoder {
    @Override
    public Decoded decode(byte[] key, byte[] value, long recordTimestamp) {
        try {
            return new Decoded.Samples(MetricBatchCodec.decode(key, value).samples());
        } catch (CorruptRecordException e) {
            return Decoded.undecodable(e.getMessage());
        }
    }
}
