package io.weir.job;

import io.weir.promql.eval.kernel.Accumulator;
import io.weir.promql.eval.kernel.Accumulators;
import java.util.Arrays;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The aggregation stage, keyed by (view, group labels): collects the per-series values of one step
 * and, once the watermark passes step + lateness (after every series-stage subtask has emitted that
 * step), folds them with the shared accumulators. The points of open steps that the series stage
 * emits when the watermark passes the step are folded apart, at that time, for early results.
 * Values of views without aggregation pass through.
 */
final class AggregationStage
        extends KeyedBroadcastProcessFunction<String, StepPoint, ViewSpec, StepPoint> {
    private static final long serialVersionUID = 1L;

    private transient Programs programs;
    private transient MapState<Long, double[]> values;

    /** The values of open steps, for their early results. */
    private transient MapState<Long, double[]> earlyValues;

    private transient MapState<Long, Boolean> dropName;

    /** The key of a point: view name and labels. */
    static String key(StepPoint p) {
        return p.view() + '\u0001' + p.labels();
    }

    @Override
    public void open(OpenContext openContext) {
        programs = new Programs();
        values =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "values",
                                        Types.LONG,
                                        PrimitiveArrayTypeInfo.DOUBLE_PRIMITIVE_ARRAY_TYPE_INFO));
        earlyValues =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "early-values",
                                        Types.LONG,
                                        PrimitiveArrayTypeInfo.DOUBLE_PRIMITIVE_ARRAY_TYPE_INFO));
        dropName =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>("drop-name", Types.LONG, Types.BOOLEAN));
    }

    @Override
    public void processBroadcastElement(ViewSpec spec, Context ctx, Collector<StepPoint> out)
            throws Exception {
        programs.apply(ctx.getBroadcastState(Programs.VIEWS), spec);
    }

    @Override
    public void processElement(StepPoint p, ReadOnlyContext ctx, Collector<StepPoint> out)
            throws Exception {
        ViewPlan plan = programs.get(ctx.getBroadcastState(Programs.VIEWS), p.view());
        ViewProgram program = plan == null ? null : plan.staged();
        if (program == null) {
            return; // dropped while in flight
        }
        if (program.aggregation == null) {
            out.collect(p);
            return;
        }
        MapState<Long, double[]> into = p.early() ? earlyValues : values;
        double[] old = into.get(p.step());
        double[] now;
        if (old == null) {
            now = new double[] {p.value()};
            // The series stage emits early points at the step's time, final ones at its final time.
            ctx.timerService()
                    .registerEventTimeTimer(
                            p.early() ? p.step() : p.step() + program.finalDelayMillis());
        } else {
            now = Arrays.copyOf(old, old.length + 1);
            now[old.length] = p.value();
        }
        into.put(p.step(), now);
        if (p.dropName()) {
            dropName.put(p.step(), true);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<StepPoint> out)
            throws Exception {
        String key = ctx.getCurrentKey();
        int cut = key.indexOf('\u0001');
        String view = key.substring(0, cut);
        ViewPlan plan = programs.get(ctx.getBroadcastState(Programs.VIEWS), view);
        ViewProgram program = plan == null ? null : plan.staged();
        if (program == null) {
            values.clear(); // the view was dropped: free its state
            earlyValues.clear();
            dropName.clear();
            return;
        }
        String labels = key.substring(cut + 1);
        long step = timestamp - program.finalDelayMillis();
        fold(program, view, labels, step, values.get(step), false, out);
        values.remove(step);
        fold(program, view, labels, timestamp, earlyValues.get(timestamp), true, out);
        earlyValues.remove(timestamp);
        if (values.isEmpty() && earlyValues.isEmpty()) {
            dropName.clear();
        }
    }

    private void fold(
            ViewProgram program,
            String view,
            String labels,
            long step,
            double[] vs,
            boolean early,
            Collector<StepPoint> out)
            throws Exception {
        if (vs == null) {
            return;
        }
        Accumulator acc = Accumulators.create(program.aggregation, Double.NaN);
        for (double v : vs) {
            acc.add(v);
        }
        boolean d = Boolean.TRUE.equals(dropName.get(step));
        out.collect(StepPoint.of(view, step, labels, d, acc.result(), early));
    }
}
