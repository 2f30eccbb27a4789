package io.weir.job;

import io.weir.connectors.codec.ResultKind;
import io.weir.connectors.codec.ResultRecord;
import io.weir.connectors.codec.SampleBatch;
import io.weir.promql.PromqlException;
import io.weir.promql.ast.Expr;
import io.weir.promql.eval.Engine;
import io.weir.promql.eval.EngineOptions;
import io.weir.promql.eval.MemorySampleStore;
import io.weir.promql.eval.QueryValue;
import io.weir.promql.model.Labels;
import io.weir.promql.model.StaleNaN;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The view stage, keyed by view. Its second input is the view's own registrations and drops (keyed
 * by view name), so each view has its registration in keyed state and a chain of event-time timers,
 * one per step, that runs whether or not data arrives ({@code vector(1)}, {@code absent(x)}).
 *
 * <p>At the final time of step {@code t} ({@code t + lateness + forward reach}): on the staged
 * path, the points of step {@code t} from the aggregation stage get the outer arithmetic and the
 * output labels; on the evaluated path, the evaluator runs the view's expression over the raw
 * samples the series stage forwarded ({@code Engine.rangeQuery} over {@code [t, t]} with the view's
 * step); for a hybrid view, the evaluator runs the outer expression over the aggregation's points
 * of step {@code t}. Output series of step {@code t - step} that are absent at {@code t} get a
 * staleness marker at {@code t}, as Prometheus writes for rules. On the evaluated path, when the
 * watermark passes {@code t + forward reach} (before the step is final), the same evaluation is
 * emitted once as an early result.
 */
final class ViewStage extends KeyedCoProcessFunction<String, StepPoint, ViewSpec, ResultRecord> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ViewStage.class);
    private static final List<String> SCHEMA_LABELS = List.of("__name__", "__type__", "__unit__");

    /** How long samples forwarded for a view the stage does not know (yet) are kept. */
    private static final long ORPHAN_MILLIS = 3_600_000;

    private transient ValueState<ViewSpec> spec;

    /** Staged path: the points of steps not final yet. */
    private transient ListState<StepPoint> pending;

    /** Evaluated path: the raw samples the view can still read. */
    private transient SampleBuffers samples;

    /** Encoded output series of the last final step. */
    private transient MapState<String, Boolean> lastOutput;

    private transient Map<String, ViewPlan> plans;
    private transient Engine engine;
    private transient Counter evaluationErrors;

    @Override
    public void open(OpenContext openContext) {
        spec =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "spec", TypeInformation.of(ViewSpec.class)));
        pending =
                getRuntimeContext()
                        .getListState(
                                // "pending" in versions whose points Flink serialised as POJOs
                                new ListStateDescriptor<>(
                                        "pending-points", TypeInformation.of(StepPoint.class)));
        samples =
                new SampleBuffers(
                        getRuntimeContext()
                                .getMapState(SampleBuffers.descriptor("compact-samples")));
        lastOutput =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "last-output", Types.STRING, Types.BOOLEAN));
        plans = new HashMap<>();
        engine =
                new Engine(
                        new EngineOptions(
                                ViewPlanner.LOOKBACK_MILLIS,
                                60_000L,
                                50_000_000L,
                                Duration.ofMinutes(1),
                                1));
        evaluationErrors =
                getRuntimeContext()
                        .getMetricGroup()
                        .addGroup("weir")
                        .counter("view_evaluation_errors");
    }

    @Override
    public void close() {
        if (engine != null) {
            engine.close();
        }
    }

    @Override
    public void processElement2(ViewSpec s, Context ctx, Collector<ResultRecord> out)
            throws Exception {
        ViewSpec old = spec.value();
        if (old != null && old.equals(s)) {
            return;
        }
        spec.clear();
        pending.clear();
        lastOutput.clear();
        if (old != null || s.isDrop()) {
            samples.clear(); // forwarded for an earlier version, or for a view now dropped
        }
        if (s.isDrop()) {
            return;
        }
        ViewPlan plan = plan(s);
        if (plan == null) {
            samples.clear();
            return; // refused: the series and aggregation stages refuse it too
        }
        spec.update(s);
        long first = s.firstStep();
        ctx.timerService().registerEventTimeTimer(first + plan.finalDelayMillis());
        if (s.latenessMillis() > 0) {
            ctx.timerService().registerEventTimeTimer(first + plan.forwardMillis());
        }
    }

    @Override
    public void processElement1(StepPoint p, Context ctx, Collector<ResultRecord> out)
            throws Exception {
        ViewSpec s = spec.value();
        ViewPlan plan = s == null ? null : plan(s);
        if (plan != null && plan.staged() != null) {
            pending.add(p);
            return;
        }
        // A raw sample: for the evaluated path, or in flight before the view's registration
        // reached this stage (kept a while in case it does).
        samples.insert(
                p.toLabels(), new long[] {p.step()}, new double[] {p.value()}, Long.MIN_VALUE);
        if (s == null) {
            ctx.timerService()
                    .registerEventTimeTimer(
                            Math.max(p.step(), ctx.timerService().currentWatermark())
                                    + ORPHAN_MILLIS);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<ResultRecord> out)
            throws Exception {
        ViewSpec s = spec.value();
        if (s == null) {
            samples.clear(); // forwarded samples of a view that never came or is gone
            return;
        }
        ViewPlan plan = plan(s);
        long step = s.stepMillis();
        Long t = plan.stepFinalAt(timestamp);
        if (t != null) {
            finalStep(plan, t, out);
            ctx.timerService().registerEventTimeTimer(t + step + plan.finalDelayMillis());
            long early = t + step + plan.forwardMillis();
            if (s.latenessMillis() > 0 && early > ctx.timerService().currentWatermark()) {
                ctx.timerService().registerEventTimeTimer(early);
            }
        }
        Long te = plan.stepEarlyAt(timestamp);
        if (te != null) {
            Map<Labels, Double> now = stepValues(plan, te, true);
            if (now != null) {
                now.forEach(
                        (l, v) ->
                                out.collect(
                                        new ResultRecord(s.name(), l, te, v, ResultKind.EARLY)));
            }
        }
    }

    /** The view's output at step {@code t}, or null when the evaluation failed. */
    private Map<Labels, Double> stepValues(ViewPlan plan, long t, boolean early) throws Exception {
        if (plan instanceof ViewProgram p) {
            return staged(p, t, early);
        }
        if (plan instanceof HybridView h) {
            return outer(h, t, staged(h.inner(), t, early));
        }
        if (plan instanceof EvaluatedView e) {
            return evaluate(e, t);
        }
        throw new IllegalStateException("a plan kind the view stage does not know: " + plan);
    }

    private void finalStep(ViewPlan plan, long t, Collector<ResultRecord> out) throws Exception {
        Map<Labels, Double> now = stepValues(plan, t, false);
        if (plan instanceof EvaluatedView e) {
            samples.evict(t + plan.spec().stepMillis() - e.backReachMillis());
        }
        if (now == null) {
            return; // the evaluation failed at this step: no output, no markers
        }
        String view = plan.name();
        Map<String, Boolean> seen = new HashMap<>();
        for (Map.Entry<Labels, Double> e : now.entrySet()) {
            out.collect(new ResultRecord(view, e.getKey(), t, e.getValue(), ResultKind.FINAL));
            seen.put(StepPoint.encode(e.getKey()), Boolean.TRUE);
        }
        for (String gone : lastOutput.keys()) {
            if (!seen.containsKey(gone)) {
                out.collect(
                        new ResultRecord(
                                view, StepPoint.decode(gone), t, StaleNaN.VALUE, ResultKind.FINAL));
            }
        }
        lastOutput.clear();
        lastOutput.putAll(seen);
    }

    /**
     * The staged path: the step's final (or early) points with the outer arithmetic and output
     * labels. Points of that kind for earlier steps are dropped with them.
     */
    private Map<Labels, Double> staged(ViewProgram p, long t, boolean early) throws Exception {
        Map<Labels, Double> now = new LinkedHashMap<>();
        List<StepPoint> keep = new ArrayList<>();
        for (StepPoint point : pending.get()) {
            if (point.early() != early || point.step() > t) {
                keep.add(point);
            } else if (point.step() == t) {
                double v = point.value();
                for (ScalarOp op : p.post) {
                    v = op.apply(v);
                }
                Labels labels = point.toLabels();
                if (point.dropName() || !p.post.isEmpty()) {
                    labels = labels.without(SCHEMA_LABELS);
                }
                now.put(labels, v);
            }
        }
        pending.update(keep);
        return now;
    }

    /**
     * The evaluated path: the evaluator's value of the view at {@code t} over the samples held, or
     * null when the evaluation fails (logged and counted).
     */
    private Map<Labels, Double> evaluate(EvaluatedView e, long t) throws Exception {
        MemorySampleStore store = new MemorySampleStore();
        long from = t - e.backReachMillis();
        long to = t + e.forwardMillis();
        for (SampleBatch b : samples.all()) {
            long[] ts = b.timestamps();
            int lo = SampleBuffers.upperBound(ts, from);
            int hi = SampleBuffers.upperBound(ts, to);
            if (lo < hi) {
                store.appendAll(
                        b.labels(),
                        Arrays.copyOfRange(ts, lo, hi),
                        Arrays.copyOfRange(b.values(), lo, hi),
                        hi - lo);
            }
        }
        return run(e, e.expr(), store, t, false);
    }

    /**
     * A hybrid view: the evaluator's value of the outer expression at {@code t} over the
     * aggregation's points of that step, which alone fill the store.
     */
    private Map<Labels, Double> outer(HybridView h, long t, Map<Labels, Double> inner) {
        MemorySampleStore store = new MemorySampleStore();
        inner.forEach((l, v) -> store.append(HybridView.asInner(l), t, v));
        return run(h, h.outer(), store, t, true);
    }

    private Map<Labels, Double> run(
            ViewPlan plan, Expr expr, MemorySampleStore store, long t, boolean hybrid) {
        QueryValue.Matrix m;
        try {
            m = engine.rangeQuery(store, expr, t, t, plan.spec().stepMillis());
        } catch (PromqlException ex) {
            evaluationErrors.inc();
            LOG.warn("view {} at {}: {}", plan.name(), t, ex.getMessage());
            return null;
        }
        Map<Labels, Double> now = new LinkedHashMap<>();
        for (QueryValue.Series s : m.series()) {
            for (int i = 0; i < s.size(); i++) {
                if (s.timestamps()[i] == t) {
                    now.put(
                            hybrid ? HybridView.withoutInner(s.labels()) : s.labels(),
                            s.values()[i]);
                }
            }
        }
        return now;
    }

    /** The plan of a registration, compiled once per subtask; null when it is refused. */
    private ViewPlan plan(ViewSpec s) {
        ViewPlan p = plans.get(s.name());
        if (p != null && p.spec().equals(s)) {
            return p;
        }
        try {
            p = ViewPlanner.plan(s);
        } catch (UnsupportedViewException ex) {
            plans.remove(s.name());
            return null;
        }
        plans.put(s.name(), p);
        return p;
    }
}
