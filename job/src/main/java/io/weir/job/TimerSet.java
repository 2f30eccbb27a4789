package io.weir.job;

import java.util.Arrays;

/** Timer times collected for one sample, registered once each however many views share them. */
final class TimerSet {
    /** Registers one timer. */
    interface Registrar {
        void register(long time) throws Exception;
    }

    private long[] times = new long[8];
    private int size;

    void add(long time) {
        if (size == times.length) {
            times = Arrays.copyOf(times, size * 2);
        }
        times[size++] = time;
    }

    /** Registers every distinct time, in ascending order. */
    void registerEach(Registrar registrar) throws Exception {
        Arrays.sort(times, 0, size);
        for (int i = 0; i < size; i++) {
            if (i == 0 || times[i] != times[i - 1]) {
                registrar.register(times[i]);
            }
        }
    }
}
