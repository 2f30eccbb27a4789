package io.weir.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The bounded cache by long key: what was put is found until the limit empties it. */
class LongCacheTest {

    @Test
    void agreesWithAMapUpToItsLimit() {
        Random random = new Random(3);
        LongCache<String> cache = new LongCache<>(100);
        Map<Long, String> model = new HashMap<>();
        for (int i = 0; i < 10_000; i++) {
            // Keys that share low bits, and a few that repeat.
            long key = random.nextInt(4) == 0 ? random.nextInt(10) : random.nextLong() << 20;
            String value = "v" + i;
            if (!model.containsKey(key) && model.size() == 100) {
                model.clear(); // the cache empties itself too
            }
            cache.put(key, value);
            model.put(key, value);
            for (Map.Entry<Long, String> e : model.entrySet()) {
                assertEquals(e.getValue(), cache.get(e.getKey()));
            }
        }
    }

    @Test
    void clearForgetsEverything() {
        LongCache<String> cache = new LongCache<>(4);
        cache.put(0, "zero");
        cache.put(-1, "minus one");
        cache.clear();
        assertNull(cache.get(0));
        assertNull(cache.get(-1));
    }
}
