package io.weir.server.store;

import io.weir.promql.model.Labels;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The RocksDB key layout. One key space, split by a leading kind byte, all numbers big-endian so
 * that byte order is numeric order:
 *
 * <ul>
 *   <li>{@code 'c' id:int32 start:int64} (sign bit flipped) -> {@code maxTime:int64} + an encoded
 *       chunk ({@link ChunkCodec}). A series' chunks are adjacent and ascending by start time, so a
 *       time range is one seek and a short forward scan.
 *   <li>{@code 'h' id:int32} -> the series' open head chunk as of the last commit, in the chunk
 *       value format; absent when the head is empty.
 *   <li>{@code 's' id:int32} -> the series' labels.
 *   <li>{@code 'p' name value id:int32} (strings length-prefixed) -> empty: the postings, one key
 *       per series and label.
 *   <li>{@code 'o' ...} -> consumed positions ({@link Positions}).
 * </ul>
 */
final class StoreKeys {
    static final byte CHUNK = 'c';
    static final byte SERIES = 's';
    static final byte POSTING = 'p';
    static final byte HEAD = 'h';

    private StoreKeys() {}

    /** The length of a chunk key. */
    static final int CHUNK_KEY_BYTES = 13;

    static byte[] chunkKey(int seriesId, long startTime) {
        return ByteBuffer.allocate(CHUNK_KEY_BYTES)
                .put(CHUNK)
                .putInt(seriesId)
                .putLong(startTime ^ Long.MIN_VALUE)
                .array();
    }

    static boolean isChunkOf(byte[] key, int seriesId) {
        return key.length == CHUNK_KEY_BYTES
                && key[0] == CHUNK
                && ByteBuffer.wrap(key, 1, 4).getInt() == seriesId;
    }

    static long chunkStart(byte[] key) {
        return ByteBuffer.wrap(key, 5, 8).getLong() ^ Long.MIN_VALUE;
    }

    static byte[] chunkValue(long maxTime, byte[] encoded) {
        return ByteBuffer.allocate(8 + encoded.length).putLong(maxTime).put(encoded).array();
    }

    static long chunkMaxTime(byte[] value) {
        return chunkMaxTime(value, 0);
    }

    /** The newest time of the chunk value at {@code offset} of {@code bytes}. */
    static long chunkMaxTime(byte[] bytes, int offset) {
        return ByteBuffer.wrap(bytes, offset, 8).getLong();
    }

    /** Where the encoded chunk starts in a chunk value. */
    static final int CHUNK_OFFSET = 8;

    static byte[] headKey(int seriesId) {
        return ByteBuffer.allocate(5).put(HEAD).putInt(seriesId).array();
    }

    static byte[] seriesKey(int seriesId) {
        return ByteBuffer.allocate(5).put(SERIES).putInt(seriesId).array();
    }

    static int seriesId(byte[] seriesKey) {
        return ByteBuffer.wrap(seriesKey, 1, 4).getInt();
    }

    static byte[] postingKey(String name, String value, int seriesId) {
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        byte[] v = value.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(1 + 4 + n.length + 4 + v.length + 4)
                .put(POSTING)
                .putInt(n.length)
                .put(n)
                .putInt(v.length)
                .put(v)
                .putInt(seriesId)
                .array();
    }

    /** A decoded postings key. */
    record Posting(String name, String value, int seriesId) {}

    static Posting posting(byte[] key) {
        ByteBuffer b = ByteBuffer.wrap(key, 1, key.length - 1);
        String name = string(b);
        String value = string(b);
        return new Posting(name, value, b.getInt());
    }

    static byte[] encodeLabels(Labels labels) {
        int size = 4;
        byte[][] parts = new byte[labels.size() * 2][];
        for (int i = 0; i < labels.size(); i++) {
            parts[2 * i] = labels.name(i).getBytes(StandardCharsets.UTF_8);
            parts[2 * i + 1] = labels.value(i).getBytes(StandardCharsets.UTF_8);
            size += 8 + parts[2 * i].length + parts[2 * i + 1].length;
        }
        ByteBuffer b = ByteBuffer.allocate(size).putInt(labels.size());
        for (byte[] p : parts) {
            b.putInt(p.length).put(p);
        }
        return b.array();
    }

    static Labels decodeLabels(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        int n = b.getInt();
        Labels.Builder builder = Labels.builder();
        for (int i = 0; i < n; i++) {
            String name = string(b);
            builder.set(name, string(b));
        }
        return builder.build();
    }

    private static String string(ByteBuffer b) {
        byte[] s = new byte[b.getInt()];
        b.get(s);
        return new String(s, StandardCharsets.UTF_8);
    }
}
