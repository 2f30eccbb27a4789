package io.weir.server.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The key layout of {@link RocksViewStore}, one column family per purpose, numbers big-endian so
 * that byte order is numeric order:
 *
 * <ul>
 *   <li>{@code steps}: {@code view:int32 series:int32 blockStart:int64} (sign bit flipped) -> the
 *       block's entries, each {@code offset:int32 kind:byte value:int64} (the step's offset from
 *       the block's start, final or early, the raw bits of the value so that a staleness marker
 *       survives). A block covers {@link #BLOCK_MILLIS} of steps; writes append entries with
 *       RocksDB's merge operator (no read before a write), and a read resolves them: a final entry
 *       wins over early ones, a later entry of the same kind over an earlier one. A series' blocks
 *       are adjacent and ascending, so a range query is one seek and a short forward scan (24
 *       blocks for a day), and a view's blocks are one key range, which a drop deletes at once.
 *   <li>{@code series}: {@code series:int32} -> {@code view:int32} + labels.
 *   <li>{@code views}: the view's name in UTF-8 -> {@link ViewMeta}.
 *   <li>{@code default}: the consumed positions ({@link Positions}).
 * </ul>
 */
final class ViewKeys {
    static final byte FINAL = 0;
    static final byte EARLY = 1;
    static final long BLOCK_MILLIS = 3_600_000;
    static final int KEY_BYTES = 16;
    static final int ENTRY_BYTES = 13;

    private ViewKeys() {}

    /** The start of the block holding {@code step}; clamped at the bottom of the long range. */
    static long blockOf(long step) {
        if (step < Long.MIN_VALUE + BLOCK_MILLIS) {
            return Long.MIN_VALUE;
        }
        return Math.floorDiv(step, BLOCK_MILLIS) * BLOCK_MILLIS;
    }

    static byte[] blockKey(int view, int series, long blockStart) {
        return ByteBuffer.allocate(KEY_BYTES)
                .putInt(view)
                .putInt(series)
                .putLong(blockStart ^ Long.MIN_VALUE)
                .array();
    }

    /** The first key after the blocks of a series up to the one holding {@code maxTime}. */
    static byte[] blockKeyAfter(int view, int series, long maxTime) {
        if (maxTime >= Long.MAX_VALUE - BLOCK_MILLIS) {
            return blockKey(view, series + 1, Long.MIN_VALUE);
        }
        return blockKey(view, series, blockOf(maxTime) + BLOCK_MILLIS);
    }

    /** The first key of a view's steps; {@code viewPrefix(v + 1)} ends them. */
    static byte[] viewPrefix(int view) {
        return ByteBuffer.allocate(4).putInt(view).array();
    }

    static long blockStart(byte[] key) {
        return ByteBuffer.wrap(key, 8, 8).getLong() ^ Long.MIN_VALUE;
    }

    /** Whether a steps key belongs to this view and series. */
    static boolean isBlockOf(byte[] key, int view, int series) {
        if (key.length != KEY_BYTES) {
            return false;
        }
        ByteBuffer b = ByteBuffer.wrap(key);
        return b.getInt() == view && b.getInt() == series;
    }

    static byte[] entry(long blockStart, long step, byte kind, double value) {
        return ByteBuffer.allocate(ENTRY_BYTES)
                .putInt((int) (step - blockStart))
                .put(kind)
                .putLong(Double.doubleToRawLongBits(value))
                .array();
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
