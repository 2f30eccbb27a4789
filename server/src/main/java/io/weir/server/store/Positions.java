package io.weir.server.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;

/**
 * Consumed positions inside a store: {@code 'o' topicLength:int32 topic partition:int32} -> {@code
 * nextOffset:int64}, written in the same batch as the data they cover.
 */
final class Positions {
    static final byte PREFIX = 'o';

    private Positions() {}

    static void put(WriteBatch batch, ColumnFamilyHandle cf, List<StreamPosition> positions)
            throws RocksDBException {
        for (StreamPosition p : positions) {
            batch.put(cf, key(p.topic(), p.partition()), value(p.nextOffset()));
        }
    }

    static void put(WriteBatch batch, List<StreamPosition> positions) throws RocksDBException {
        for (StreamPosition p : positions) {
            batch.put(key(p.topic(), p.partition()), value(p.nextOffset()));
        }
    }

    /** Every stored position, ordered by topic and partition. */
    static List<StreamPosition> read(RocksDB db, ColumnFamilyHandle cf) {
        List<StreamPosition> out = new ArrayList<>();
        try (RocksIterator it = cf == null ? db.newIterator() : db.newIterator(cf)) {
            for (it.seek(new byte[] {PREFIX}); it.isValid(); it.next()) {
                byte[] key = it.key();
                if (key[0] != PREFIX) {
                    break;
                }
                ByteBuffer b = ByteBuffer.wrap(key, 1, key.length - 1);
                byte[] topic = new byte[b.getInt()];
                b.get(topic);
                int partition = b.getInt();
                long next = ByteBuffer.wrap(it.value()).getLong();
                out.add(
                        new StreamPosition(
                                new String(topic, StandardCharsets.UTF_8), partition, next));
            }
        }
        return out;
    }

    private static byte[] key(String topic, int partition) {
        byte[] t = topic.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(1 + 4 + t.length + 4)
                .put(PREFIX)
                .putInt(t.length)
                .put(t)
                .putInt(partition)
                .array();
    }

    private static byte[] value(long next) {
        return ByteBuffer.allocate(8).putLong(next).array();
    }
}
