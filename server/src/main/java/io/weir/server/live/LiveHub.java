package io.weir.server.live;

import io.weir.connectors.codec.ResultRecord;
import io.weir.server.views.ViewStore;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fans the view store's new results out to live subscribers. The store's writer only offers each
 * result to a bounded queue per subscriber and never waits: a subscriber whose queue is full (a
 * slow client) is cut off, its lost results counted, and its connection ends.
 */
public final class LiveHub implements AutoCloseable {
    /** Results a subscriber may have waiting before it is cut off. */
    public static final int DEFAULT_QUEUE = 4096;

    private final int queueCapacity;
    private final Map<String, Set<Subscription>> byView = new ConcurrentHashMap<>();
    private final AutoCloseable storeSubscription;

    /** Results lost by subscribers that were cut off for being slow. */
    public final AtomicLong droppedEvents = new AtomicLong();

    /** Subscribers cut off for being slow. */
    public final AtomicLong droppedSubscribers = new AtomicLong();

    /** Results delivered to subscribers' queues. */
    public final AtomicLong events = new AtomicLong();

    public LiveHub(ViewStore store, int queueCapacity) {
        this.queueCapacity = queueCapacity;
        this.storeSubscription = store.subscribe(this::stored);
    }

    /** One live client of one view: results wait in its queue until its stream writes them. */
    public final class Subscription implements AutoCloseable {
        private final String view;
        private final ArrayBlockingQueue<ResultRecord> queue =
                new ArrayBlockingQueue<>(queueCapacity);
        private volatile boolean cutOff;

        Subscription(String view) {
            this.view = view;
        }

        /** The next result, or null when none came within the timeout (or it was cut off). */
        public ResultRecord poll(long timeout, TimeUnit unit) throws InterruptedException {
            return cutOff ? null : queue.poll(timeout, unit);
        }

        /** The next result if one is waiting, else null. */
        public ResultRecord poll() {
            return cutOff ? null : queue.poll();
        }

        /** True once the subscriber fell too far behind and lost results. */
        public boolean cutOff() {
            return cutOff;
        }

        void offer(ResultRecord r) {
            if (cutOff) {
                droppedEvents.incrementAndGet();
                return;
            }
            if (queue.offer(r)) {
                events.incrementAndGet();
                return;
            }
            cutOff = true;
            droppedSubscribers.incrementAndGet();
            droppedEvents.addAndGet(1 + queue.size());
            queue.clear();
            close();
        }

        @Override
        public void close() {
            Set<Subscription> subs = byView.get(view);
            if (subs != null) {
                subs.remove(this);
            }
        }
    }

    public Subscription subscribe(String view) {
        Subscription s = new Subscription(view);
        byView.computeIfAbsent(view, k -> ConcurrentHashMap.newKeySet()).add(s);
        return s;
    }

    /** Live subscribers now. */
    public int subscribers() {
        int n = 0;
        for (Set<Subscription> s : byView.values()) {
            n += s.size();
        }
        return n;
    }

    private void stored(List<ResultRecord> results) {
        if (byView.isEmpty()) {
            return;
        }
        for (ResultRecord r : results) {
            Set<Subscription> subs = byView.get(r.view());
            if (subs != null) {
                for (Subscription s : subs) {
                    s.offer(r);
                }
            }
        }
    }

    @Override
    public void close() {
        try {
            storeSubscription.close();
        } catch (Exception e) {
            // the store is closing too
        }
        byView.clear();
    }
}
