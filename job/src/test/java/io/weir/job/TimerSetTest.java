package io.weir.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The timers one sample registers: each time once, however many views share it. */
class TimerSetTest {
    @Test
    void registersEachTimeOnceInOrder() throws Exception {
        TimerSet timers = new TimerSet();
        long[] added = {
            75_000, 60_000, 75_000, 135_000, 60_000, 120_000, 135_000, 0, 195_000, 75_000
        };
        for (long t : added) {
            timers.add(t);
        }
        List<Long> registered = new ArrayList<>();
        timers.registerEach(registered::add);
        assertEquals(List.of(0L, 60_000L, 75_000L, 120_000L, 135_000L, 195_000L), registered);
    }

    @Test
    void registersNothingWhenEmpty() throws Exception {
        List<Long> registered = new ArrayList<>();
        new TimerSet().registerEach(registered::add);
        assertEquals(List.of(), registered);
    }
}
