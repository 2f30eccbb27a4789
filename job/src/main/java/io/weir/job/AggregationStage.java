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
 * step), folds them with the shared accumulators. Values of views without aggregation pass through.
 */
final class AggregationStage
        extends KeyedBroadcastProcessFunction<String, StepPoint, ViewSpec, StepPoint> {
    private static final long serialVersionUID = 1L;

    private transient Programs programs;
    private transient MapState<Long, double[]> values;
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
        dropName =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>("drop-name", Types.LONG, Types.BOOLEAN));
    }

    @Override
    public void processBroadcastElement(ViewSpec spec, Context ctx, Collector<StepPoint> out)
            throws Exception {
        Programs.apply(ctx.getBroadcastState(Programs.VIEWS), spec);
    }

    @Override
    public void processElement(StepPoint p, ReadOnlyContext ctx, Collector<StepPoint> out)
            throws Exception {
        if (!(programs.get(ctx.getBroadcastState(Programs.VIEWS), p.view())
                instanceof ViewProgram program)) {
            return; // dropped while in flight
        }
        if (program.aggregation == null) {
            out.collect(p);
            return;
        }
        double[] old = values.get(p.step());
        double[] now;
        if (old == null) {
            now = new double[] {p.value()};
            ctx.timerService().registerEventTimeTimer(p.step() + program.finalDelayMillis());
        } else {
            now = Arrays.copyOf(old, old.length + 1);
            now[old.length] = p.value();
        }
        values.put(p.step(), now);
        Boolean d = dropName.get(p.step());
        dropName.put(p.step(), p.dropName() || (d != null && d));
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<StepPoint> out)
            throws Exception {
        String key = ctx.getCurrentKey();
        int cut = key.indexOf('\u0001');
        String view = key.substring(0, cut);
        if (!(programs.get(ctx.getBroadcastState(Programs.VIEWS), view)
                instanceof ViewProgram program)) {
            values.clear(); // the view was dropped: free its state
            dropName.clear();
            return;
        }
        long step = timestamp - program.finalDelayMillis();
        double[] vs = values.get(step);
        if (vs == null) {
            return;
        }
        Accumulator acc = Accumulators.create(program.aggregation, Double.NaN);
        for (double v : vs) {
            acc.add(v);
        }
        Boolean d = dropName.get(step);
        out.collect(StepPoint.of(view, step, key.substring(cut + 1), d != null && d, acc.result()));
        values.remove(step);
        dropName.remove(step);
    }
}
