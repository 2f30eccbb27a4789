package io.weir.connectors.codec;

import io.weir.promql.model.Labels;

/**
 * The binary record of {@code weir.results}. Key: version byte, view name, output series labels; so
 * all steps of one output series land in one partition, in order. Value: version byte, kind byte,
 * step timestamp and value bits, fixed width. Layout in {@code connectors/FORMATS.md}.
 */
public final class ResultCodec {
    public static final int VERSION = 1;

    private static final int FINAL = 0;
    private static final int EARLY = 1;

    private ResultCodec() {}

    public static byte[] encodeKey(String view, Labels series) {
        ByteWriter w = new ByteWriter(64);
        w.writeByte(VERSION);
        w.writeString(view);
        LabelsCodec.write(w, series);
        return w.toByteArray();
    }

    public static byte[] encodeValue(ResultRecord r) {
        ByteWriter w = new ByteWriter(18);
        w.writeByte(VERSION);
        w.writeByte(
                switch (r.kind()) {
                    case FINAL -> FINAL;
                    case EARLY -> EARLY;
                });
        w.writeLong(r.stepMillis());
        w.writeDouble(r.value());
        return w.toByteArray();
    }

    public static ResultRecord decode(byte[] key, byte[] value) throws CorruptRecordException {
        if (key == null || key.length == 0) {
            throw new CorruptRecordException("result record without a key");
        }
        if (value == null || value.length == 0) {
            throw new CorruptRecordException("empty result record value");
        }
        ByteReader k = new ByteReader(key);
        checkVersion(k, "result key");
        String view = k.readString();
        Labels series = LabelsCodec.read(k);
        k.expectEnd();
        ByteReader v = new ByteReader(value);
        checkVersion(v, "result value");
        int at = v.position();
        ResultKind kind =
                switch (v.readByte()) {
                    case FINAL -> ResultKind.FINAL;
                    case EARLY -> ResultKind.EARLY;
                    default -> throw new CorruptRecordException("bad result kind at byte " + at);
                };
        long step = v.readLong();
        double d = v.readDouble();
        v.expectEnd();
        return new ResultRecord(view, series, step, d, kind);
    }

    private static void checkVersion(ByteReader r, String what) throws CorruptRecordException {
        int version = r.readByte();
        if (version != VERSION) {
            throw new CorruptRecordException(
                    "unsupported "
                            + what
                            + " format version "
                            + version
                            + " (expected "
                            + VERSION
                            + ")");
        }
    }
}
