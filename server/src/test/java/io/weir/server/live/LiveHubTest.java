package io.weir.server.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weir.connectors.codec.ResultKind;
import io.weir.connectors.codec.ResultRecord;
import io.weir.promql.model.Labels;
import io.weir.promql.model.StaleNaN;
import io.weir.server.views.MemoryViewStore;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LiveHubTest {
    private static ResultRecord r(String view, long t) {
        return new ResultRecord(view, Labels.of("code", "200"), t, 1.5, ResultKind.FINAL);
    }

    @Test
    void subscribersGetTheirViewsResultsInOrder() throws Exception {
        try (MemoryViewStore store = new MemoryViewStore();
                LiveHub hub = new LiveHub(store, 16)) {
            LiveHub.Subscription a = hub.subscribe("a");
            store.write(List.of(r("a", 0), r("b", 0), r("a", 60_000)));
            assertEquals(0, a.poll().stepMillis());
            assertEquals(60_000, a.poll().stepMillis());
            assertNull(a.poll());
            a.close();
            assertEquals(0, hub.subscribers());
        }
    }

    @Test
    void aSlowSubscriberIsCutOffWithItsLostEventsCountedAndTheWriterNeverWaits() throws Exception {
        try (MemoryViewStore store = new MemoryViewStore();
                LiveHub hub = new LiveHub(store, 4)) {
            LiveHub.Subscription slow = hub.subscribe("a");
            LiveHub.Subscription fast = hub.subscribe("a");
            List<ResultRecord> batch = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                batch.add(r("a", i * 60_000L));
                if (batch.size() == 2) {
                    store.write(batch); // returns although nobody reads "slow"
                    batch.clear();
                    while (fast.poll() != null) {
                        // the fast one keeps up
                    }
                }
            }
            assertTrue(slow.cutOff());
            assertFalse(fast.cutOff());
            assertNull(slow.poll());
            assertEquals(1, hub.droppedSubscribers.get());
            // 4 queued and lost, the 5th that did not fit; later ones never reached it.
            assertEquals(5, hub.droppedEvents.get());
            assertEquals(1, hub.subscribers());
        }
    }

    @Test
    void eventsAreSseWithPrometheusValues() {
        assertEquals(
                "event: step\ndata: {\"metric\":{\"__name__\":\"v\",\"code\":\"200\"},"
                        + "\"t\":1700000000.500,\"value\":\"1.5\",\"final\":false}\n\n",
                LiveEvents.step(
                        new ResultRecord(
                                "v",
                                Labels.of("code", "200"),
                                1_700_000_000_500L,
                                1.5,
                                ResultKind.EARLY)));
        assertTrue(
                LiveEvents.step(
                                new ResultRecord(
                                        "v", Labels.EMPTY, 0, StaleNaN.VALUE, ResultKind.FINAL))
                        .contains("\"value\":\"NaN\""));
    }
}
