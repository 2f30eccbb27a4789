package io.weir.server.store;

import java.nio.ByteBuffer;

/**
 * What the view store keeps about one view name: its id in the steps' keys, whether it is dropped
 * (results still in flight for a dropped view are ignored until it is registered again), its
 * retention (0 keeps everything) and its latest final step ({@link Long#MIN_VALUE} for none).
 */
record ViewMeta(int id, boolean dropped, long retentionMillis, long lastFinalStep) {
    private static final byte VERSION = 1;
    private static final int BYTES = 1 + 4 + 1 + 8 + 8;

    ViewMeta withLastFinalStep(long step) {
        return new ViewMeta(id, dropped, retentionMillis, step);
    }

    byte[] encode() {
        return ByteBuffer.allocate(BYTES)
                .put(VERSION)
                .putInt(id)
                .put((byte) (dropped ? 1 : 0))
                .putLong(retentionMillis)
                .putLong(lastFinalStep)
                .array();
    }

    static ViewMeta decode(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        byte version = b.get();
        if (version != VERSION) {
            throw new IllegalStateException("unsupported view metadata version " + version);
        }
        return new ViewMeta(b.getInt(), b.get() != 0, b.getLong(), b.getLong());
    }
}
