package io.weir.job;

import java.util.Arrays;

/**
 * A bounded cache by a long key (the series stage's series hash) in two arrays, open addressing
 * with linear probing: a lookup reads one slot or a few neighbours, with no boxed key or map entry
 * to follow. When a new key would pass the limit all entries go; each is then computed or read
 * again when next asked for.
 */
final class LongCache<V> {
    private final int limit;
    private final int mask;
    private final long[] keys;
    private final Object[] values;
    private int size;

    /** Room for {@code limit} entries. */
    LongCache(int limit) {
        this.limit = limit;
        int slots = Integer.highestOneBit(Math.max(2, limit) * 2 - 1) * 2;
        this.mask = slots - 1;
        this.keys = new long[slots];
        this.values = new Object[slots];
    }

    /** The value of {@code key}, or null. */
    @SuppressWarnings("unchecked") // only V is put
    V get(long key) {
        for (int i = slot(key); ; i = (i + 1) & mask) {
            Object v = values[i];
            if (v == null || keys[i] == key) {
                return (V) v;
            }
        }
    }

    /** Sets the value of {@code key} (not null). */
    void put(long key, V value) {
        for (int i = slot(key); ; i = (i + 1) & mask) {
            if (values[i] == null) {
                if (size >= limit) {
                    clear();
                    put(key, value);
                    return;
                }
                keys[i] = key;
                values[i] = value;
                size++;
                return;
            }
            if (keys[i] == key) {
                values[i] = value;
                return;
            }
        }
    }

    void clear() {
        Arrays.fill(values, null);
        size = 0;
    }

    private int slot(long key) {
        key ^= key >>> 33;
        key *= 0xff51afd7ed558ccdL;
        key ^= key >>> 33;
        return (int) key & mask;
    }
}
