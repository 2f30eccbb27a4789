package io.weir.connectors.dlq;

import java.util.Locale;

/** Why a record went to {@code weir.dlq}. The code is what the record's header carries. */
public enum DlqReason {
    /** The bytes do not decode as the topic's configured format. */
    UNDECODABLE,
    /** A sample arrived after the lateness of the views that need it had passed. */
    LATE,
    /**
     * A sample lies further ahead of its record's Kafka timestamp than the job allows: taken as it
     * is, it would move its partition's event time there and make every other sample late.
     */
    FUTURE;

    /** The lower-case wire code: {@code undecodable}, {@code late}, {@code future}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The reason with this code, or {@code null} for a code this version does not know. */
    public static DlqReason fromCode(String code) {
        for (DlqReason r : values()) {
            if (r.code().equals(code)) {
                return r;
            }
        }
        return null;
    }
}
