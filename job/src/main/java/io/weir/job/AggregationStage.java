package io.weir.job;

import io.weir.promql.eval.kernel.Accumulator;
import io.weir.promql.eval.kernel.Accumulators;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The aggregation stage, keyed by (view, group labels): collects the per-series values of one step
 * and, once the watermark passes step + lateness (after every series-stage subtask has emitted that
 * step), folds them with the shared accumulators. The points of open steps that the series stage
 * emits when the watermark passes the step are folded apart, at that time, for early results.
 * Values of views without aggregation pass through.
 *
 * <p>A point is appended to the key's list of inputs without reading it (RocksDB merges the
 * append), and a timer is registered once per key and time while this instance runs; the timer
 * reads the list once, folds its step's inputs in arrival order and keeps the rest.
 */
final class AggregationStage
        extends KeyedBroadcastProcessFunction<String, StepPoint, ViewSpec, StepPoint> {
    private static final long serialVersionUID = 1L;

    private transient Programs programs;

    /** The key's points of steps not folded yet, in arrival order. */
    private transient ListState<long[]> inputs;

    /**
     * The timers this instance registered and that have not fired: registering one again costs as
     * much as a new one. Empty after a restore, when a timer is merely registered once more.
     */
    private transient Set<Timer> registered;

    /** One point waiting for its step to be folded. */
    record Input(long step, boolean early, boolean dropName, long valueBits) {
        private static final long EARLY = 1;
        private static final long DROP_NAME = 2;

        /** As kept in state: step, value bits, flags (a primitive array serialises quickly). */
        long[] encode() {
            return new long[] {step, valueBits, (early ? EARLY : 0) | (dropName ? DROP_NAME : 0)};
        }

        static Input decode(long[] a) {
            return new Input(a[0], (a[2] & EARLY) != 0, (a[2] & DROP_NAME) != 0, a[1]);
        }
    }

    private record Timer(String key, long time) {}

    /** The key of a point: view name and labels. */
    static String key(StepPoint p) {
        return p.view() + '\u0001' + p.labels();
    }

    @Override
    public void open(OpenContext openContext) {
        programs = new Programs();
        // A new name: earlier versions kept one growing array per step ("values",
        // "early-values"), which a restore leaves unread.
        inputs =
                getRuntimeContext()
                        .getListState(
                                new ListStateDescriptor<>(
                                        "step-inputs",
                                        PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO));
        registered = new HashSet<>();
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
        inputs.add(new Input(p.step(), p.early(), p.dropName(), p.valueBits()).encode());
        // The series stage emits early points at the step's time, final ones at its final time.
        long at = p.early() ? p.step() : p.step() + program.finalDelayMillis();
        if (registered.add(new Timer(ctx.getCurrentKey(), at))) {
            ctx.timerService().registerEventTimeTimer(at);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<StepPoint> out)
            throws Exception {
        String key = ctx.getCurrentKey();
        registered.remove(new Timer(key, timestamp));
        int cut = key.indexOf('\u0001');
        String view = key.substring(0, cut);
        ViewPlan plan = programs.get(ctx.getBroadcastState(Programs.VIEWS), view);
        ViewProgram program = plan == null ? null : plan.staged();
        if (program == null) {
            inputs.clear(); // the view was dropped: free its state
            return;
        }
        String labels = key.substring(cut + 1);
        long step = timestamp - program.finalDelayMillis();
        Accumulator finals = null;
        Accumulator earlies = null;
        boolean finalsDropName = false;
        boolean earliesDropName = false;
        List<long[]> keep = new ArrayList<>();
        Iterable<long[]> all = inputs.get();
        if (all == null) {
            return;
        }
        for (long[] stored : all) {
            Input in = Input.decode(stored);
            if (!in.early() && in.step() == step) {
                if (finals == null) {
                    finals = Accumulators.create(program.aggregation, Double.NaN);
                }
                finals.add(Double.longBitsToDouble(in.valueBits()));
                finalsDropName |= in.dropName();
            } else if (in.early() && in.step() == timestamp) {
                if (earlies == null) {
                    earlies = Accumulators.create(program.aggregation, Double.NaN);
                }
                earlies.add(Double.longBitsToDouble(in.valueBits()));
                earliesDropName |= in.dropName();
            } else {
                keep.add(stored);
            }
        }
        if (finals != null) {
            out.collect(StepPoint.of(view, step, labels, finalsDropName, finals.result(), false));
        }
        if (earlies != null) {
            out.collect(
                    StepPoint.of(view, timestamp, labels, earliesDropName, earlies.result(), true));
        }
        if (finals == null && earlies == null) {
            return; // nothing of this timer's steps: the list stays as it is
        }
        if (keep.isEmpty()) {
            inputs.clear();
        } else {
            inputs.update(keep);
        }
    }
}
