package io.weir.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weir.connectors.codec.MetricSample;
import io.weir.promql.model.Labels;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.TestableKeyedStateBackend;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/**
 * The series stage frees the state of series that stop: once the watermark has passed a series'
 * newest sample by as far as any view reads back, its key holds nothing, while series still scraped
 * keep their recent samples and views still get every step.
 */
class SeriesStageCleanupTest {
    private static final long STEP = 60_000;
    private static final long SCRAPE = 15_000;
    private static final long RETENTION = 10 * STEP;

    /** Read by the view, stops at 5m. */
    private static final Labels STOPPED = Labels.of("__name__", "c", "instance", "gone");

    /** Read by no view, stops at 5m. */
    private static final Labels STOPPED_UNREAD = Labels.of("__name__", "g", "instance", "gone");

    /** Read by the view, scraped to the end. */
    private static final Labels LIVE = Labels.of("__name__", "c", "instance", "live");

    /** Read by no view, scraped to the end. */
    private static final Labels LIVE_UNREAD = Labels.of("__name__", "g", "instance", "live");

    private static final long STOP = 5 * STEP;
    private static final long END = 30 * STEP;

    @Test
    void aSeriesThatStopsIsGoneOnceNoStepCanReadIt() throws Exception {
        var h = harness();
        try {
            h.open();
            h.processBroadcastElement(new ViewSpec("v", "rate(c[1m])", STEP, 0, -1), 0);
            h.processBroadcastWatermark(Long.MAX_VALUE);
            scrape(h, 0, STOP, List.of(STOPPED, STOPPED_UNREAD, LIVE, LIVE_UNREAD));
            long keep = RETENTION; // the view reads back a minute only
            long freed = SeriesStage.cleanupTime(STOP, keep);
            // Up to just before the cleanup time the stopped series are kept.
            scrape(h, STOP + SCRAPE, freed, List.of(LIVE, LIVE_UNREAD));
            assertEquals(
                    Set.of(STOPPED, STOPPED_UNREAD, LIVE, LIVE_UNREAD),
                    keysWithSamples(h),
                    "before the cleanup time");
            scrape(h, freed + SCRAPE, END, List.of(LIVE, LIVE_UNREAD));
            assertEquals(Set.of(LIVE, LIVE_UNREAD), keysWithSamples(h));
            // Only the two live series' buffers are left in keyed state.
            assertEquals(2, entries(h));

            // The live series keep what the views can still read, and no more.
            for (Labels live : List.of(LIVE, LIVE_UNREAD)) {
                SeriesBuffer.Series s = buffered(h, live);
                assertEquals(END, s.time(s.size() - 1));
                assertTrue(s.time(0) > END - 2 * SCRAPE - keep, "oldest " + s.time(0));
                assertTrue(s.size() >= keep / SCRAPE, "size " + s.size());
            }

            // Every step of both series read by the view came out: the stopped one's 1m to 5m,
            // the live one's 1m up to the watermark.
            Set<String> want = new TreeSet<>();
            for (long t = STEP; t <= STOP; t += STEP) {
                want.add("gone@" + t);
            }
            for (long t = STEP; t <= END - SCRAPE; t += STEP) {
                want.add("live@" + t);
            }
            assertEquals(want, points(h));

            // Once everything stops, nothing is left: no state and no timer.
            h.processWatermark(END + 2 * RETENTION + SeriesStage.CLEANUP_GRAIN_MILLIS);
            assertEquals(0, entries(h));
            assertEquals(0, h.numEventTimeTimers());
        } finally {
            h.close();
        }
    }

    @Test
    void aSteadilyScrapedSeriesKeepsOneCleanupTimer() throws Exception {
        var h = harness();
        try {
            h.open();
            h.processBroadcastWatermark(Long.MAX_VALUE);
            scrape(h, 0, END, List.of(LIVE_UNREAD));
            // No view reads it: its one timer is the cleanup timer, moved on as it fired.
            assertEquals(1, h.numEventTimeTimers());
            assertEquals(1, entries(h));
        } finally {
            h.close();
        }
    }

    @Test
    void aStoppedSeriesOnTheEvaluatedPathLeavesNoFedEntries() throws Exception {
        ViewSpec view =
                new ViewSpec(
                        "e",
                        "label_replace(c, \"x\", \"$1\", \"instance\", \"(.*)\")",
                        STEP,
                        0,
                        -1);
        assertInstanceOf(EvaluatedView.class, ViewPlanner.plan(view));
        var h = harness();
        try {
            h.open();
            h.processBroadcastElement(view, 0);
            h.processBroadcastWatermark(Long.MAX_VALUE);
            scrape(h, 0, STOP, List.of(STOPPED, LIVE));
            // A buffer and a fed entry per series.
            assertEquals(4, entries(h));
            assertFalse(h.getSideOutput(SeriesStage.FORWARD).isEmpty());
            scrape(h, STOP + SCRAPE, END, List.of(LIVE));
            assertEquals(Set.of(LIVE), keysWithSamples(h));
            assertEquals(2, entries(h));
        } finally {
            h.close();
        }
    }

    @Test
    void aRestoredStageFreesWhatStoppedBeforeTheCheckpoint() throws Exception {
        OperatorSubtaskState snapshot;
        var h = harness();
        try {
            h.open();
            h.processBroadcastElement(new ViewSpec("v", "rate(c[1m])", STEP, 0, -1), 0);
            h.processBroadcastWatermark(Long.MAX_VALUE);
            scrape(h, 0, STOP, List.of(STOPPED, STOPPED_UNREAD, LIVE_UNREAD));
            snapshot = h.snapshot(1, 1);
        } finally {
            h.close();
        }
        var restored =
                new KeyedBroadcastOperatorTestHarness<Long, MetricSample, ViewSpec, StepPoint>(
                        new CoBroadcastWithKeyedOperator<>(
                                new SeriesStage("metrics", RETENTION), List.of(Programs.VIEWS)),
                        s -> s.labels().hash64(),
                        Types.LONG,
                        1,
                        1,
                        0);
        try {
            restored.setup();
            restored.initializeState(snapshot);
            restored.open();
            restored.processBroadcastWatermark(Long.MAX_VALUE);
            assertEquals(Set.of(STOPPED, STOPPED_UNREAD, LIVE_UNREAD), keysWithSamples(restored));
            scrape(restored, STOP + SCRAPE, END, List.of(LIVE_UNREAD));
            assertEquals(Set.of(LIVE_UNREAD), keysWithSamples(restored));
            assertEquals(1, entries(restored));
        } finally {
            restored.close();
        }
    }

    @Test
    void cleanupTimesAreMultiplesOfTheGrainAtOrAfterTheDueTime() {
        long grain = SeriesStage.CLEANUP_GRAIN_MILLIS;
        assertEquals(grain, SeriesStage.cleanupTime(0, grain));
        assertEquals(2 * grain, SeriesStage.cleanupTime(1, grain));
        assertEquals(0, SeriesStage.cleanupTime(-grain, grain));
        assertEquals(0, SeriesStage.cleanupTime(-grain - 1, grain + 1));
        assertEquals(Long.MAX_VALUE, SeriesStage.cleanupTime(Long.MAX_VALUE - 5, grain));
        assertEquals(Long.MAX_VALUE, SeriesStage.cleanupTime(Long.MAX_VALUE - grain, grain - 1));
    }

    private static KeyedBroadcastOperatorTestHarness<Long, MetricSample, ViewSpec, StepPoint>
            harness() throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                new SeriesStage("metrics", RETENTION),
                s -> s.labels().hash64(),
                Types.LONG,
                Programs.VIEWS);
    }

    /**
     * Scrapes every series from {@code from} to {@code to}, every 15 s, each scrape followed by a
     * watermark 15 s behind it.
     */
    private static void scrape(
            KeyedBroadcastOperatorTestHarness<Long, MetricSample, ViewSpec, StepPoint> h,
            long from,
            long to,
            List<Labels> series)
            throws Exception {
        for (long t = from; t <= to; t += SCRAPE) {
            for (Labels l : series) {
                h.processElement(new MetricSample(l, t, t / 1000.0), t);
            }
            h.processWatermark(t - SCRAPE);
        }
    }

    private static KeyedStateBackend<Long> backend(
            KeyedBroadcastOperatorTestHarness<Long, MetricSample, ViewSpec, StepPoint> h) {
        return h.getOperator().getKeyedStateBackend();
    }

    /** The number of entries of every keyed state of the stage. */
    private static int entries(
            KeyedBroadcastOperatorTestHarness<Long, MetricSample, ViewSpec, StepPoint> h) {
        return ((TestableKeyedStateBackend<?>) backend(h)).numKeyValueStateEntries();
    }

    private static Set<Labels> keysWithSamples(
            KeyedBroadcastOperatorTestHarness<Long, MetricSample, ViewSpec, StepPoint> h)
            throws Exception {
        Set<Long> keys;
        try (var s = backend(h).getKeys("series-buffer", VoidNamespace.INSTANCE)) {
            keys = s.collect(Collectors.toSet());
        }
        return List.of(STOPPED, STOPPED_UNREAD, LIVE, LIVE_UNREAD).stream()
                .filter(l -> keys.contains(l.hash64()))
                .collect(Collectors.toSet());
    }

    private static SeriesBuffer.Series buffered(
            KeyedBroadcastOperatorTestHarness<Long, MetricSample, ViewSpec, StepPoint> h, Labels l)
            throws Exception {
        KeyedStateBackend<Long> backend = backend(h);
        backend.setCurrentKey(l.hash64());
        ValueState<byte[]> state =
                backend.getPartitionedState(
                        VoidNamespace.INSTANCE,
                        VoidNamespaceSerializer.INSTANCE,
                        SeriesBuffer.descriptor("series-buffer"));
        List<SeriesBuffer.Series> series = new SeriesBuffer(state).load(l.hash64()).series;
        assertEquals(1, series.size());
        return series.get(0);
    }

    /** The final points emitted, as instance@step. */
    private static Set<String> points(
            KeyedBroadcastOperatorTestHarness<Long, MetricSample, ViewSpec, StepPoint> h) {
        Set<String> got = new TreeSet<>();
        for (StreamRecord<? extends StepPoint> r : h.extractOutputStreamRecords()) {
            StepPoint p = r.getValue();
            if (!p.early()) {
                got.add(p.toLabels().get("instance") + "@" + p.step());
            }
        }
        return got;
    }
}
