package io.weir.connectors.codec;

import io.weir.promql.model.Labels;

/** A label set as a count followed by name/value string pairs in sorted order. */
final class LabelsCodec {
    /** Far above any real series; bounds what corrupt input can make the decoder allocate. */
    static final int MAX_LABELS = 1024;

    private LabelsCodec() {}

    static void write(ByteWriter w, Labels labels) {
        w.writeVarLong(labels.size());
        for (int i = 0; i < labels.size(); i++) {
            w.writeString(labels.name(i));
            w.writeString(labels.value(i));
        }
    }

    /**
     * Reads a label set written by {@link #write}. Names must be non-empty and strictly increasing
     * and values non-empty: the one canonical spelling of a set, so equal sets have equal bytes.
     */
    static Labels read(ByteReader r) throws CorruptRecordException {
        int n = r.readCount("label count", Math.min(MAX_LABELS, r.remaining() / 2));
        Labels.Builder b = Labels.builder();
        String previous = null;
        for (int i = 0; i < n; i++) {
            int at = r.position();
            String name = r.readString();
            String value = r.readString();
            if (name.isEmpty()) {
                throw new CorruptRecordException("empty label name at byte " + at);
            }
            if (value.isEmpty()) {
                throw new CorruptRecordException("empty value of label " + name + " at byte " + at);
            }
            if (previous != null && previous.compareTo(name) >= 0) {
                throw new CorruptRecordException(
                        "label " + name + " out of order or repeated at byte " + at);
            }
            b.set(name, value);
            previous = name;
        }
        return b.build();
    }
}
