package io.weir.job;

import io.weir.connectors.codec.MetricSample;
import io.weir.connectors.codec.SampleBatch;
import io.weir.connectors.dlq.DeadLetterCounters;
import io.weir.connectors.dlq.DeadLetters;
import io.weir.connectors.dlq.DlqReason;
import io.weir.promql.model.Labels;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
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
 * that selects them go to the dead letters.
 */
final class SeriesStage
        extends KeyedBroadcastProcessFunction<Long, MetricSample, ViewSpec, StepPoint> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(SeriesStage.class);

    /** Raw samples for the views on the evaluated path, to the view stage. */
    static final OutputTag<StepPoint> FORWARD =
            new OutputTag<>("forward", TypeInformation.of(StepPoint.class));

    private final String metricsTopic;

    /** How long a series' samples are kept at least, for views registered later. */
    private final long retentionMillis;

    private transient Programs programs;

    /** The series' recent samples. */
    private transient SampleBuffers buffers;

    /**
     * View name and encoded series to the registration time of the view on the evaluated path that
     * was sent the series' buffered samples.
     */
    private transient MapState<String, Long> fed;

    private transient Counter leafEvaluations;

    /**
     * The fingerprint of the views this key's series last registered timers for, and the latest
     * sample time whose steps are all registered (see {@link #registerSteps}).
     */
    private transient ValueState<long[]> registeredUpTo;

    /** The latest timer this key fired: a lower bound of the watermark, kept across restores. */
    private transient ValueState<Long> fired;

    private transient DeadLetterCounters deadLetters;
    private transient Counter rejectedViews;

    SeriesStage(String metricsTopic, long retentionMillis) {
        this.metricsTopic = metricsTopic;
        this.retentionMillis = retentionMillis;
    }

    @Override
    public void open(OpenContext openContext) {
        programs = new Programs();
        buffers =
                new SampleBuffers(
                        getRuntimeContext()
                                .getMapState(SampleBuffers.descriptor("compact-samples")));
        fed =
                getRuntimeContext()
                        .getMapState(new MapStateDescriptor<>("fed", Types.STRING, Types.LONG));
        fired = getRuntimeContext().getState(new ValueStateDescriptor<>("fired", Types.LONG));
        registeredUpTo =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "timers-registered",
                                        PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO));
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
        Labels labels = sample.labels();
        List<ViewPlan> reading = programs.selecting(state, labels);
        long ts = sample.timestampMillis();
        // After a restore the watermark starts unknown; the timers this key fired before tell how
        // far it had come, so replayed samples do not register steps that already fired again.
        Long firedUpTo = fired.value();
        long watermark =
                Math.max(
                        ctx.timerService().currentWatermark(),
                        firedUpTo == null ? Long.MIN_VALUE : firedUpTo);
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
        SampleBatch buffered =
                buffers.insert(labels, new long[] {ts}, new double[] {sample.value()}, cutoff);
        if (buffered == null) {
            return;
        }
        if (reading.isEmpty()) {
            if (watermark == Long.MIN_VALUE) {
                // No event time yet: the job is starting and its stages may not know every view
                // yet. When the watermark passes the sample this key looks again (onTimer), in the
                // same advance of the watermark as the steps that read it.
                ctx.timerService().registerEventTimeTimer(ts);
            }
            return;
        }
        String series = StepPoint.encode(labels);
        if (reading.stream().anyMatch(p -> p instanceof EvaluatedView)) {
            // only series read by the evaluated path have entries
            forgetDroppedViews(programs.all(state));
        }
        for (ViewPlan plan : reading) {
            if (plan instanceof EvaluatedView) {
                forward(plan, series, buffered, ts, sample.value(), ctx);
            }
        }
        registerSteps(reading, buffered, ts, watermark, ctx);
    }

    /**
     * Registers the timers of the steps that read the series' samples: the final time of each step
     * and, for views with lateness, the step's own time (its early result). Timers are per time, so
     * all views of a step and lateness share them. Registering a timer that exists costs as much as
     * a new one, so the key remembers the views it registered for and the latest sample time whose
     * steps are all registered: a sample after it with the same views registers only the steps that
     * no earlier sample reached. Otherwise (the first sample, a view registered or dropped since,
     * an out-of-order sample) the steps of every buffered sample are registered, so a view
     * registered since the series' last sample also gets the steps that read the samples from
     * before its registration.
     */
    private void registerSteps(
            List<ViewPlan> reading,
            SampleBatch buffered,
            long ts,
            long watermark,
            ReadOnlyContext ctx)
            throws Exception {
        long fingerprint = fingerprint(reading);
        long[] done = registeredUpTo.value();
        boolean incremental = done != null && done[0] == fingerprint && ts >= done[1];
        long earliest = buffered.timestamp(0);
        long latest = buffered.timestamp(buffered.size() - 1);
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
                            ? Math.max(
                                    plan.firstStepSeeing(ts), plan.lastStepSeeing(done[1]) + step)
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
        registeredUpTo.update(new long[] {fingerprint, incremental ? ts : latest});
    }

    /**
     * A fingerprint of the views reading a series, the same on every subtask and after a restore.
     */
    private static long fingerprint(List<ViewPlan> reading) {
        long h = 0;
        for (ViewPlan p : reading) {
            ViewSpec s = p.spec();
            long x = s.name().hashCode();
            x = x * 31 + s.query().hashCode();
            x = x * 31 + s.stepMillis();
            x = x * 31 + s.latenessMillis();
            x = x * 31 + s.registeredAtMillis();
            h += mix(x); // order-independent
        }
        return h;
    }

    private static long mix(long x) {
        x ^= x >>> 33;
        x *= 0xff51afd7ed558ccdL;
        x ^= x >>> 33;
        x *= 0xc4ceb9fe1a85ec53L;
        return x ^ (x >>> 33);
    }

    /**
     * Sends a sample to the view stage of a view on the evaluated path; the first time the view
     * reads the series, all of the series' buffered samples.
     */
    private void forward(
            ViewPlan plan,
            String series,
            SampleBatch buffered,
            long ts,
            double value,
            ReadOnlyContext ctx)
            throws Exception {
        String fedKey = plan.name() + '\u0001' + series;
        Long fedFor = fed.get(fedKey);
        if (fedFor == null || fedFor != plan.spec().registeredAtMillis()) {
            for (int i = 0; i < buffered.size(); i++) {
                ctx.output(
                        FORWARD,
                        StepPoint.of(
                                plan.name(),
                                buffered.timestamp(i),
                                series,
                                false,
                                buffered.value(i)));
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
        Long firedUpTo = fired.value();
        if (firedUpTo == null || firedUpTo < timestamp) {
            fired.update(timestamp);
        }
        List<SampleBatch> series = buffers.all();
        catchUpRegistrations(state, series, timestamp, ctx);
        // Identical leaves (same node: selector or range function, with its step) of different
        // views are computed once per series and step.
        Leaves leaves = new Leaves();
        for (SampleBatch s : series) {
            for (ViewPlan plan : programs.selecting(state, s.labels())) {
                ViewProgram p = plan.staged();
                if (p == null) {
                    continue;
                }
                Long t = p.stepFinalAt(timestamp);
                if (t != null) {
                    emit(p, s, t, false, leaves, out);
                }
                Long early = p.stepEarlyAt(timestamp);
                if (early != null) {
                    emit(p, s, early, true, leaves, out);
                }
            }
        }
        leafEvaluations.inc(leaves.evaluations());
        long keep = Math.max(retentionMillis, programs.maxReach(state));
        // At the timer now, every step t still to come has its timer at t + delay >= now (timers
        // fire in time order, and the watermark may have jumped far past now), and reads samples
        // after t - back.
        buffers.evict(timestamp - keep);
    }

    /**
     * Registers the steps of views that read the key's samples but whose registration reached this
     * subtask after them (at start, the queries topic and the metrics backlog are read at once).
     * Timers registered here for times the watermark has passed fire in this same advance of the
     * watermark, before the stage forwards it, so no step leaves without this key's points.
     */
    private void catchUpRegistrations(
            ReadOnlyBroadcastState<String, ViewSpec> state,
            List<SampleBatch> series,
            long timestamp,
            OnTimerContext ctx)
            throws Exception {
        for (SampleBatch s : series) {
            List<ViewPlan> reading = programs.selecting(state, s.labels());
            if (reading.isEmpty()) {
                continue;
            }
            long[] done = registeredUpTo.value();
            if (done != null && done[0] == fingerprint(reading)) {
                continue;
            }
            String encoded = StepPoint.encode(s.labels());
            for (ViewPlan plan : reading) {
                if (plan instanceof EvaluatedView) {
                    String fedKey = plan.name() + '\u0001' + encoded;
                    Long fedFor = fed.get(fedKey);
                    if (fedFor == null || fedFor != plan.spec().registeredAtMillis()) {
                        forward(plan, encoded, s, s.timestamp(0), s.value(0), ctx);
                    }
                }
            }
            registerSteps(reading, s, s.timestamp(s.size() - 1), timestamp, ctx);
        }
    }

    private void emit(
            ViewProgram p,
            SampleBatch s,
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
        Labels out2 = p.aggregation == null ? s.labels() : p.group(s.labels());
        out.collect(StepPoint.of(p.name(), t, StepPoint.encode(out2), dropName, v, early));
    }
}
