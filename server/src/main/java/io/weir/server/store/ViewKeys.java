package io.weir.server.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The key layout of {@link RocksViewStore}, one column family per purpose, numbers big-endian so
 * that byte order is numeric order:
 *
 * <ul>
 *   <li>{@code steps}: {@code view:int32 series:int32 step:int64} (sign bit flipped) -> {@code
 *       kind:byte value:int64} (the raw bits of the value, so a staleness marker survives). A
 *       series' steps are adjacent and ascending, so a range query is one seek and a forward scan,
 *       and a view's steps are one key range, which a drop deletes at once.
 *   <li>{@code series}: {@code series:int32} -> {@code view:int32} + labels.
 *   <li>{@code views}: the view's name in UTF-8 -> {@link ViewMeta}.
 *   <li>{@code default}: the consumed positions ({@link Positions}).
 * </ul>
 */
final class ViewKeys {
    static final byte FINAL = 0;
    static final byte EARLY = 1;
    static final int STEP_KEY_BYTES = 16;
    static final int STEP_VALUE_BYTES = 9;

    private ViewKeys() {}

    static byte[] stepKey(int view, int series, long step) {
        return ByteBuffer.allocate(STEP_KEY_BYTES)
                .putInt(view)
                .putInt(series)
                .putLong(step ^ Long.MIN_VALUE)
                .array();
    }

    /** The first key of a view's steps; {@code viewPrefix(v + 1)} ends them. */
    static byte[] viewPrefix(int view) {
        return ByteBuffer.allocate(4).putInt(view).array();
    }

    static long step(byte[] key) {
        return ByteBuffer.wrap(key, 8, 8).getLong() ^ Long.MIN_VALUE;
    }

    /** Whether a steps key belongs to this view and series. */
    static boolean isStepOf(byte[] key, int view, int series) {
        if (key.length != STEP_KEY_BYTES) {
            return false;
        }
        ByteBuffer b = ByteBuffer.wrap(key);
        return b.getInt() == view && b.getInt() == series;
    }

    static byte[] stepValue(byte kind, double value) {
        return ByteBuffer.allocate(STEP_VALUE_BYTES)
                .put(kind)
                .putLong(Double.doubleToRawLongBits(value))
                .array();
    }

    static byte kind(byte[] value) {
        return value[0];
    }

    static double value(byte[] value) {
        return Double.longBitsToDouble(ByteBuffer.wrap(value, 1, 8).getLong());
    }

    static byte[] seriesKey(int series) {
        return ByteBuffer.allocate(4).putInt(series).array();
    }

    static int seriesId(byte[] key) {
        return ByteBuffer.wrap(key).getInt();
    }

    static byte[] seriesValue(int view, byte[] labels) {
        return ByteBuffer.allocate(4 + labels.length).putInt(view).put(labels).array();
    }

    static int seriesView(byte[] value) {
        return ByteBuffer.wrap(value).getInt();
    }

    static byte[] seriesLabels(byte[] value) {
        byte[] labels = new byte[value.length - 4];
        System.arraycopy(value, 4, labels, 0, labels.length);
        return labels;
    }

    static byte[] viewKey(String name) {
        return name.getBytes(StandardCharsets.UTF_8);
    }

    static String viewName(byte[] key) {
        return new String(key, StandardCharsets.UTF_8);
    }
}
