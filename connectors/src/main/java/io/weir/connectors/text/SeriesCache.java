package io.weir.connectors.text;

import io.weir.promql.model.Labels;
import java.util.Arrays;

/**
 * Maps the raw text of a series ({@code name{labels}} exactly as written) to its parsed {@link
 * Labels}, so a series that appears on many lines is parsed once. Lookups hash the bytes in place
 * and allocate nothing; an open-addressing table keeps it compact.
 *
 * <p>The key includes the label-value normalisation in force (it depends on the last {@code #
 * TYPE}), since the same text can then mean different labels. The table is emptied when it grows
 * past {@link #MAX_ENTRIES}, bounding memory for files with mostly unique series.
 */
final class SeriesCache {
    static final int MAX_ENTRIES = 1 << 20;

    private byte[][] keys = new byte[1024][];
    private byte[] modes = new byte[1024];
    private int[] hashes = new int[1024];
    private Labels[] values = new Labels[1024];
    private int size;

    /** The labels cached for {@code b[from, to)} under {@code mode}, or null. */
    Labels get(byte[] b, int from, int to, byte mode) {
        int h = hash(b, from, to, mode);
        int mask = keys.length - 1;
        for (int i = h & mask; ; i = (i + 1) & mask) {
            byte[] k = keys[i];
            if (k == null) {
                return null;
            }
            if (hashes[i] == h && modes[i] == mode && Arrays.equals(k, 0, k.length, b, from, to)) {
                return values[i];
            }
        }
    }

    void put(byte[] b, int from, int to, byte mode, Labels labels) {
        if (size >= MAX_ENTRIES) {
            clear();
        }
        if (2 * (size + 1) > keys.length) {
            grow();
        }
        insert(Arrays.copyOfRange(b, from, to), mode, hash(b, from, to, mode), labels);
        size++;
    }

    private void insert(byte[] key, byte mode, int h, Labels labels) {
        int mask = keys.length - 1;
        int i = h & mask;
        while (keys[i] != null) {
            i = (i + 1) & mask;
        }
        keys[i] = key;
        modes[i] = mode;
        hashes[i] = h;
        values[i] = labels;
    }

    private void grow() {
        byte[][] oldKeys = keys;
        byte[] oldModes = modes;
        int[] oldHashes = hashes;
        Labels[] oldValues = values;
        int n = oldKeys.length * 2;
        keys = new byte[n][];
        modes = new byte[n];
        hashes = new int[n];
        values = new Labels[n];
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != null) {
                insert(oldKeys[i], oldModes[i], oldHashes[i], oldValues[i]);
            }
        }
    }

    private void clear() {
        Arrays.fill(keys, null);
        Arrays.fill(values, null);
        size = 0;
    }

    private static int hash(byte[] b, int from, int to, byte mode) {
        int h = mode;
        for (int i = from; i < to; i++) {
            h = 31 * h + b[i];
        }
        // Spread the bits so that neighbouring texts do not cluster in the table.
        return h ^ (h >>> 16) ^ (h >>> 7);
    }
}
