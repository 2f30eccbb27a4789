package io.weir.job;

import io.weir.connectors.codec.MetricSample;
import io.weir.connectors.codec.SampleBatch;
import io.weir.connectors.dlq.DeadLetterCounters;
import io.weir.connectors.dlq.DeadLetters;
import io.weir.connectors.dlq.DlqReason;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The series stage, keyed by series hash: buffers each series' recent samples in keyed state, and
 * at every step of every view that selects it (an event-time timer at step + lateness) evaluates
 * the view's selector or range function with the shared kernels and its per-series arithmetic.
 * Emits one value per (view, series or aggregation group, step). Samples too late for every view
 * that selects them go to the dead letters. A key's state goes once the watermark has passed its
 * newest sample by as far as any view reads back (a cleanup timer per key, moved on while the
 * series is scraped), so series that stop leave nothing behind.
 */
final class SeriesStage
        extends KeyedBroadcastProcessFunction<Long, MetricSample, ViewSpec, StepPoint>
        implements CheckpointedFunction {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(SeriesStage.class);

    /** Raw samples for the views on the evaluated path, to the view stage. */
    static final OutputTag<StepPoint> FORWARD =
            new OutputTag<>("forward", TypeInformation.of(StepPoint.class));

    private final String metricsTopic;

    /** How long a series' samples are kept at least, for views registered later. */
    private final long retentionMillis;

    /**
     * Cleanup timers are at multiples of this: a steadily scraped series moves its timer on once
     * per firing, not per sample, and a series that stops is freed at most this long after its
     * samples fell out of every view's reach.
     */
    static final long CLEANUP_GRAIN_MILLIS = 5 * 60_000;

    private transient Programs programs;

    /** The key's series: recent samples and timer bookkeeping. */
    private transient SeriesBuffer buffers;

    /**
     * View name and encoded series to the registration time of the view on the evaluated path that
     * was sent the series' buffered samples.
     */
    private transient MapState<String, Long> fed;

    private transient Counter leafEvaluations;

    /**
     * Every subtask's latest watermark at the last checkpoint (a union: each subtask reads all).
     * After a restore the watermark starts unknown; the one reached before tells how far it had
     * come, so replayed samples do not register steps that already fired again, and samples late
     * then are late now. The largest is taken: checkpoints are aligned, so at the barrier every
     * subtask had the same watermark, and each saw at most that much of it. Earlier versions kept
     * the latest timer fired per key instead, a read per sample and a write per timer.
     */
    private transient ListState<Long> watermarks;

    /**
     * Holds an entry when keys may hold {@link #legacyFired} values: the job was restored, once,
     * from a version before {@link #watermarks} (a union, like it).
     */
    private transient ListState<Boolean> legacyMarks;

    /** The largest watermark of the restored checkpoint; {@link Long#MIN_VALUE} for none. */
    private transient long restoredWatermark;

    /** The largest watermark this instance has seen. */
    private transient long seenWatermark;

    /**
     * Whether keys may hold the latest timer they fired, as versions before {@link #watermarks}
     * kept it; only then is it read.
     */
    private transient boolean legacy;

    /** Earlier versions: the latest timer the key fired (read only after restoring one of them). */
    private transient ValueState<Long> legacyFired;

    /** Earlier versions: the key's samples (moved into {@link #buffers} when first read). */
    private transient SampleBuffers legacySamples;

    private transient DeadLetterCounters deadLetters;
    private transient Counter rejectedViews;

    SeriesStage(String metricsTopic, long retentionMillis) {
        this.metricsTopic = metricsTopic;
        this.retentionMillis = retentionMillis;
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        watermarks =
                context.getOperatorStateStore()
                        .getUnionListState(new ListStateDescriptor<>("watermark-seen", Types.LONG));
        legacyMarks =
                context.getOperatorStateStore()
                        .getUnionListState(
                                new ListStateDescriptor<>("fired-per-key", Types.BOOLEAN));
        restoredWatermark = Long.MIN_VALUE;
        legacy = false;
        if (context.isRestored()) {
            boolean any = false;
            for (Long w : watermarks.get()) {
                any = true;
                restoredWatermark = Math.max(restoredWatermark, w);
            }
            legacy = !any || legacyMarks.get().iterator().hasNext();
        }
        seenWatermark = restoredWatermark;
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        watermarks.clear();
        watermarks.add(seenWatermark);
        legacyMarks.clear();
        if (legacy) {
            legacyMarks.add(true);
        }
    }

    @Override
    public void open(OpenContext openContext) {
        programs = new Programs();
        // Earlier versions kept the samples in "compact-samples" (a map by labels), the timers in
        // "timers-registered" and the latest fired timer in "fired", per key.
        buffers =
                new SeriesBuffer(
                        getRuntimeContext().getState(SeriesBuffer.descriptor("series-buffer")));
        fed =
                getRuntimeContext()
                        .getMapState(new MapStateDescriptor<>("fed", Types.STRING, Types.LONG));
        legacyFired = getRuntimeContext().getState(new ValueStateDescriptor<>("fired", Types.LONG));
        legacySamples =
                new SampleBuffers(
                        getRuntimeContext()
                                .getMapState(SampleBuffers.descriptor("compact-samples")));
        deadLetters = DeadLetterCounters.register(getRuntimeContext().getMetricGroup());
        rejectedViews =
                getRuntimeContext().getMetricGroup().addGroup("weir").counter("views_rejected");
        leafEvaluations =
                getRuntimeContext().getMetricGroup().addGroup("weir").counter("leaf_evaluations");
    }

    @Override
    public void processBroadcastElement(ViewSpec spec, Context ctx, Collector<StepPoint> out)
            throws Exception {
        String refused = programs.apply(ctx.getBroadcastState(Programs.VIEWS), spec);
        if (refused != null) {
            rejectedViews.inc();
            if (getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() == 0) {
                LOG.warn("registration refused: {}", refused);
            }
        }
    }

    @Override
    public void processElement(MetricSample sample, ReadOnlyContext ctx, Collector<StepPoint> out)
            throws Exception {
        ReadOnlyBroadcastState<String, ViewSpec> state = ctx.getBroadcastState(Programs.VIEWS);
        Programs.Selection selection =
                programs.selection(state, ctx.getCurrentKey(), sample.labels());
        List<ViewPlan> reading = selection.views();
        long ts = sample.timestampMillis();
        long current = ctx.timerService().currentWatermark();
        seenWatermark = Math.max(seenWatermark, current);
        long watermark = Math.max(current, restoredWatermark);
        if (legacy) {
            Long firedUpTo = legacyFired.value();
            if (firedUpTo != null) {
                watermark = Math.max(watermark, firedUpTo);
            }
        }
        boolean needed = false;
        boolean open = false;
        long keep = Math.max(retentionMillis, programs.maxReach(state));
        for (ViewPlan p : reading) {
            if (p.firstStepSeeing(ts) > p.lastStepSeeing(ts)) {
                continue; // no step of the view sees the sample
            }
            needed = true;
            open |= p.firstStepSeeing(ts) + p.finalDelayMillis() > watermark;
        }
        if (needed && !open) {
            ctx.output(
                    DeadLetters.TAG,
                    DeadLetters.late(
                            sample,
                            metricsTopic,
                            "sample at "
                                    + ts
                                    + " after watermark "
                                    + watermark
                                    + " passed the lateness of every view that reads it"));
            deadLetters.count(DlqReason.LATE);
            return;
        }
        // Buffered even when no view reads the series yet, so that a view registered later
        // finds the recent past. Nothing older than any pending step can read is kept.
        long cutoff = watermark == Long.MIN_VALUE ? Long.MIN_VALUE : watermark - keep;
        SeriesBuffer.Contents contents = load(ctx.getCurrentKey());
        SeriesBuffer.Series buffered = contents.find(selection.bytes());
        buffered.insert(ts, sample.value());
        buffered.evict(cutoff);
        if (buffered.size() > 0 && !reading.isEmpty()) {
            if (selection.evaluated()) {
                if (buffered.fingerprint != selection.fingerprint()) {
                    // The views reading the series changed: forget the ones that are gone (only
                    // series read by the evaluated path have entries).
                    forgetDroppedViews(programs.all(state));
                }
                for (ViewPlan plan : reading) {
                    if (plan instanceof EvaluatedView) {
                        forward(plan, buffered, ts, sample.value(), ctx);
                    }
                }
            }
            registerSteps(reading, selection.fingerprint(), buffered, ts, watermark, ctx);
        } else if (buffered.size() > 0 && watermark == Long.MIN_VALUE) {
            // No event time yet: the job is starting and its stages may not know every view yet.
            // When the watermark passes the sample this key looks again (onTimer), in the same
            // advance of the watermark as the steps that read it.
            ctx.timerService().registerEventTimeTimer(ts);
        }
        if (contents.cleanupAt == Long.MIN_VALUE && !contents.isEmpty()) {
            // A key with a cleanup timer keeps it until it fires (onTimer moves it on).
            armCleanup(contents, keep, ctx.timerService());
        }
        buffers.store(ctx.getCurrentKey(), contents);
    }

    /**
     * Registers the key's cleanup timer: at the first {@link #CLEANUP_GRAIN_MILLIS} boundary at or
     * after the time when the watermark passed its newest sample by {@code keep}, and from then on
     * no pending or future step of any registered view reads any of its samples.
     */
    private static void armCleanup(SeriesBuffer.Contents contents, long keep, TimerService timers) {
        contents.cleanupAt = cleanupTime(contents.newest(), keep);
        timers.registerEventTimeTimer(contents.cleanupAt);
    }

    /**
     * {@code newest + keep} rounded up to a multiple of {@link #CLEANUP_GRAIN_MILLIS} (saturated at
     * {@link Long#MAX_VALUE}).
     */
    static long cleanupTime(long newest, long keep) {
        long due = newest > Long.MAX_VALUE - keep ? Long.MAX_VALUE : newest + keep;
        long rest = Math.floorMod(due, CLEANUP_GRAIN_MILLIS);
        if (rest == 0) {
            return due;
        }
        long gap = CLEANUP_GRAIN_MILLIS - rest;
        return due > Long.MAX_VALUE - gap ? Long.MAX_VALUE : due + gap;
    }

    /**
     * Registers the timers of the steps that read the series' samples: the final time of each step
     * and, for views with lateness, the step's own time (its early result). Timers are per time, so
     * all views of a step and lateness share them. Registering a timer that exists costs as much as
     * a new one, so the series remembers the views it registered for and the latest sample time
     * whose steps are all registered: a sample after it with the same views registers only the
     * steps that no earlier sample reached. Otherwise (the first sample, a view registered or
     * dropped since, an out-of-order sample) the steps of every buffered sample are registered, so
     * a view registered since the series' last sample also gets the steps that read the samples
     * from before its registration.
     */
    private void registerSteps(
            List<ViewPlan> reading,
            long fingerprint,
            SeriesBuffer.Series buffered,
            long ts,
            long watermark,
            ReadOnlyContext ctx)
            throws Exception {
        long upTo = buffered.registeredUpTo;
        boolean incremental =
                upTo != Long.MIN_VALUE && buffered.fingerprint == fingerprint && ts >= upTo;
        long earliest = buffered.time(0);
        long latest = buffered.time(buffered.size() - 1);
        TimerSet timers = new TimerSet();
        for (ViewPlan plan : reading) {
            if (plan instanceof EvaluatedView) {
                continue;
            }
            long step = plan.spec().stepMillis();
            long delay = plan.finalDelayMillis();
            boolean early = plan.spec().latenessMillis() > 0;
            long first =
                    incremental
                            ? Math.max(plan.firstStepSeeing(ts), plan.lastStepSeeing(upTo) + step)
                            : plan.firstStepSeeing(earliest);
            long last = plan.lastStepSeeing(incremental ? ts : latest);
            for (long t = first; t <= last; t += step) {
                if (t + delay > watermark) {
                    timers.add(t + delay);
                }
                // The early result of an open step, once the watermark passes it.
                if (early && t > watermark) {
                    timers.add(t);
                }
            }
        }
        timers.registerEach(ctx.timerService()::registerEventTimeTimer);
        buffered.fingerprint = fingerprint;
        buffered.registeredUpTo = incremental ? ts : latest;
    }

    /**
     * Sends a sample to the view stage of a view on the evaluated path; the first time the view
     * reads the series, all of the series' buffered samples.
     */
    private void forward(
            ViewPlan plan, SeriesBuffer.Series buffered, long ts, double value, ReadOnlyContext ctx)
            throws Exception {
        String series = buffered.labels();
        String fedKey = plan.name() + '\u0001' + series;
        Long fedFor = fed.get(fedKey);
        if (fedFor == null || fedFor != plan.spec().registeredAtMillis()) {
            for (int i = 0; i < buffered.size(); i++) {
                ctx.output(
                        FORWARD,
                        StepPoint.of(
                                plan.name(), buffered.time(i), series, false, buffered.value(i)));
            }
            fed.put(fedKey, plan.spec().registeredAtMillis());
        } else {
            ctx.output(FORWARD, StepPoint.of(plan.name(), ts, series, false, value));
        }
    }

    /** Forgets, for this key's series, the views on the evaluated path that are gone. */
    private void forgetDroppedViews(Map<String, ViewPlan> views) throws Exception {
        Iterator<Map.Entry<String, Long>> it = fed.iterator();
        while (it.hasNext()) {
            Map.Entry<String, Long> e = it.next();
            String view = e.getKey().substring(0, e.getKey().indexOf('\u0001'));
            ViewPlan p = views.get(view);
            if (p == null || p.spec().registeredAtMillis() != e.getValue()) {
                it.remove();
            }
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<StepPoint> out)
            throws Exception {
        ReadOnlyBroadcastState<String, ViewSpec> state = ctx.getBroadcastState(Programs.VIEWS);
        seenWatermark =
                Math.max(seenWatermark, Math.max(timestamp, ctx.timerService().currentWatermark()));
        SeriesBuffer.Contents contents = load(ctx.getCurrentKey());
        long keep = Math.max(retentionMillis, programs.maxReach(state));
        // Every step still to come (its timer at or after now) reads only samples after now - keep
        // (see the eviction below); when the newest is not, no step reads the key's samples again
        // and its state goes. Such a timer emits nothing: the step whose timer is now reads none of
        // them either.
        if (contents.isEmpty() || contents.newest() <= timestamp - keep) {
            clearKey(ctx.getCurrentKey(), contents);
            return;
        }
        List<SeriesBuffer.Series> loaded = contents.series;
        List<Programs.Selection> selections = new ArrayList<>(loaded.size());
        for (SeriesBuffer.Series s : loaded) {
            selections.add(programs.selection(state, ctx.getCurrentKey(), s.labelBytes()));
        }
        boolean changed = catchUpRegistrations(loaded, selections, timestamp, ctx);
        // Identical leaves (same node: selector or range function, with its step) of different
        // views are computed once per series and step.
        Leaves leaves = new Leaves();
        for (int i = 0; i < loaded.size(); i++) {
            SeriesBuffer.Series s = loaded.get(i);
            Programs.Selection selection = selections.get(i);
            for (ViewPlan plan : selection.views()) {
                ViewProgram p = plan.staged();
                if (p == null) {
                    continue;
                }
                Long t = p.stepFinalAt(timestamp);
                if (t != null) {
                    emit(p, s, selection, t, false, leaves, out);
                }
                Long early = p.stepEarlyAt(timestamp);
                if (early != null) {
                    emit(p, s, selection, early, true, leaves, out);
                }
            }
        }
        leafEvaluations.inc(leaves.evaluations());
        // At the timer now, every step t still to come has its timer at t + delay >= now (timers
        // fire in time order, and the watermark may have jumped far past now), and reads samples
        // after t - back.
        boolean evicted = false;
        for (SeriesBuffer.Series s : loaded) {
            evicted |= s.evict(timestamp - keep);
        }
        if (contents.cleanupAt <= timestamp) {
            // The cleanup timer (or a key without one, from an earlier version) and the key's
            // samples are still read: it moves on to the newest sample.
            armCleanup(contents, keep, ctx.timerService());
            changed = true;
        }
        if (evicted || changed) {
            buffers.store(ctx.getCurrentKey(), contents);
        }
    }

    /**
     * Removes every state of the current key: its samples and timer bookkeeping, and the views on
     * the evaluated path it fed. A view registered later that selects the series would find none of
     * its samples in its steps' reach anyway. Timers of the key still pending find no samples.
     */
    private void clearKey(long key, SeriesBuffer.Contents contents) throws Exception {
        if (!contents.series.isEmpty()) {
            buffers.clear(key);
        }
        fed.clear();
        if (legacy) {
            legacyFired.clear();
        }
    }

    /**
     * Registers the steps of views that read the key's samples but whose registration reached this
     * subtask after them (at start, the queries topic and the metrics backlog are read at once).
     * Timers registered here for times the watermark has passed fire in this same advance of the
     * watermark, before the stage forwards it, so no step leaves without this key's points.
     *
     * @return whether a series' timer bookkeeping changed
     */
    private boolean catchUpRegistrations(
            List<SeriesBuffer.Series> loaded,
            List<Programs.Selection> selections,
            long timestamp,
            OnTimerContext ctx)
            throws Exception {
        boolean changed = false;
        for (int i = 0; i < loaded.size(); i++) {
            SeriesBuffer.Series s = loaded.get(i);
            Programs.Selection selection = selections.get(i);
            List<ViewPlan> reading = selection.views();
            if (reading.isEmpty() || s.size() == 0) {
                continue;
            }
            if (s.registeredUpTo != Long.MIN_VALUE && s.fingerprint == selection.fingerprint()) {
                continue;
            }
            for (ViewPlan plan : reading) {
                if (plan instanceof EvaluatedView) {
                    Long fedFor = fed.get(plan.name() + '\u0001' + s.labels());
                    if (fedFor == null || fedFor != plan.spec().registeredAtMillis()) {
                        forward(plan, s, s.time(0), s.value(0), ctx);
                    }
                }
            }
            registerSteps(
                    reading, selection.fingerprint(), s, s.time(s.size() - 1), timestamp, ctx);
            changed = true;
        }
        return changed;
    }

    /** The key's series; after a restore of an earlier version, moved from its state first. */
    private SeriesBuffer.Contents load(long key) throws Exception {
        SeriesBuffer.Contents loaded = buffers.load(key);
        if (legacy && loaded.series.isEmpty()) {
            for (SampleBatch b : legacySamples.all()) {
                loaded.series.add(SeriesBuffer.Series.of(b.labels(), b.timestamps(), b.values()));
            }
            legacySamples.clear();
        }
        return loaded;
    }

    private void emit(
            ViewProgram p,
            SeriesBuffer.Series s,
            Programs.Selection selection,
            long t,
            boolean early,
            Leaves leaves,
            Collector<StepPoint> out) {
        Double found = leaves.value(p, s, t);
        if (found == null) {
            return;
        }
        double v = found;
        for (ScalarOp op : p.pre) {
            v = op.apply(v);
        }
        boolean dropName = p.leafDropsName || !p.pre.isEmpty();
        String group = p.aggregation == null ? selection.encoded() : selection.group(p);
        out.collect(StepPoint.of(p.name(), t, group, dropName, v, early));
    }
}
