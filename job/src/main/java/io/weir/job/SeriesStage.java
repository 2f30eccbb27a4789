package io.weir.job;

import io.weir.connectors.codec.CorruptRecordException;
import io.weir.connectors.codec.MetricBatchCodec;
import io.weir.connectors.codec.MetricSample;
import io.weir.connectors.codec.SampleBatch;
import io.weir.connectors.dlq.DeadLetterCounters;
import io.weir.connectors.dlq.DeadLetters;
import io.weir.connectors.dlq.DlqReason;
import io.weir.promql.model.Labels;
import io.weir.promql.model.StaleNaN;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
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
    private static final double[] NO_PARAMS = new double[0];

    private final String metricsTopic;

    /** How long a series' samples are kept at least, for views registered later. */
    private final long retentionMillis;

    private transient Programs programs;

    /** Encoded label set to the series' buffered samples (a binary batch, ascending times). */
    private transient MapState<String, byte[]> buffers;

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
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "samples",
                                        Types.STRING,
                                        PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
        deadLetters = DeadLetterCounters.register(getRuntimeContext().getMetricGroup());
        rejectedViews =
                getRuntimeContext().getMetricGroup().addGroup("weir").counter("views_rejected");
    }

    @Override
    public void processBroadcastElement(ViewSpec spec, Context ctx, Collector<StepPoint> out)
            throws Exception {
        String refused = Programs.apply(ctx.getBroadcastState(Programs.VIEWS), spec);
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
        Map<String, ViewProgram> views = programs.all(ctx.getBroadcastState(Programs.VIEWS));
        Labels labels = sample.labels();
        long ts = sample.timestampMillis();
        long watermark = ctx.timerService().currentWatermark();
        LOG.debug("sample {} at {} watermark {} views {}", labels, ts, watermark, views.size());
        boolean needed = false;
        boolean open = false;
        long keep = retentionMillis;
        for (ViewProgram p : views.values()) {
            keep = Math.max(keep, p.lateness() + p.offsetMillis + p.reachMillis);
            if (!p.selects(labels) || p.firstStepSeeing(ts) > p.lastStepSeeing(ts)) {
                continue; // the view does not read the series, or no step of it sees the sample
            }
            needed = true;
            open |= p.firstStepSeeing(ts) + p.lateness() > watermark;
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
        SampleBatch buffered = insert(labels, ts, sample.value(), cutoff);
        if (buffered == null) {
            return;
        }
        // Timers from the earliest buffered sample on: a view registered since the series' last
        // sample also gets the steps that read the samples from before its registration.
        long earliest = buffered.timestamp(0);
        long latest = buffered.timestamp(buffered.size() - 1);
        for (ViewProgram p : views.values()) {
            if (!p.selects(labels)) {
                continue;
            }
            long step = p.spec.stepMillis();
            for (long t = p.firstStepSeeing(earliest); t <= p.lastStepSeeing(latest); t += step) {
                if (t + p.lateness() > watermark) {
                    ctx.timerService().registerEventTimeTimer(t + p.lateness());
                }
            }
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<StepPoint> out)
            throws Exception {
        Map<String, ViewProgram> views = programs.all(ctx.getBroadcastState(Programs.VIEWS));
        LOG.debug("timer {} views {}", timestamp, views.size());
        List<SampleBatch> series = new ArrayList<>();
        for (byte[] b : buffers.values()) {
            series.add(decode(b));
        }
        for (ViewProgram p : views.values()) {
            long t = timestamp - p.lateness();
            if (Math.floorMod(t, p.spec.stepMillis()) != 0 || t < p.spec.firstStep()) {
                continue;
            }
            for (SampleBatch s : series) {
                if (p.selects(s.labels())) {
                    emit(p, s, t, out);
                }
            }
        }
        evict(views, timestamp);
    }

    private static void emit(ViewProgram p, SampleBatch s, long t, Collector<StepPoint> out) {
        long ref = t - p.offsetMillis;
        Double found = p.kernel == null ? instant(s, ref, p.reachMillis) : window(p, s, ref, t);
        if (found == null) {
            return;
        }
        double v = found;
        for (ScalarOp op : p.pre) {
            v = op.apply(v);
        }
        boolean dropName = p.leafDropsName || !p.pre.isEmpty();
        Labels out2 = p.aggregation == null ? s.labels() : p.group(s.labels());
        out.collect(new StepPoint(p.name(), t, StepPoint.encode(out2), dropName, v));
    }

    /**
     * The latest sample in {@code (ref - lookback, ref]}, unless it is a staleness marker; null for
     * none.
     */
    private static Double instant(SampleBatch s, long ref, long lookback) {
        long[] ts = s.timestamps();
        int i = upperBound(ts, ref) - 1;
        if (i < 0 || ts[i] <= ref - lookback || StaleNaN.isStale(s.value(i))) {
            return null;
        }
        return s.value(i);
    }

    /** The range function over the window {@code (ref - range, ref]}, markers left out. */
    private static Double window(ViewProgram p, SampleBatch s, long ref, long t) {
        long start = ref - p.reachMillis;
        long[] ts = s.timestamps();
        int from = upperBound(ts, start);
        int to = upperBound(ts, ref);
        long[] wts = new long[to - from];
        double[] wvs = new double[to - from];
        int n = 0;
        for (int i = from; i < to; i++) {
            if (!StaleNaN.isStale(s.value(i))) {
                wts[n] = ts[i];
                wvs[n] = s.value(i);
                n++;
            }
        }
        if (n == 0 || n < p.kernel.minSamples()) {
            return null;
        }
        return p.kernel.apply(wts, wvs, 0, n, start, ref, t, NO_PARAMS);
    }

    /** The first index whose time is after {@code t}. */
    private static int upperBound(long[] ts, long t) {
        int lo = 0;
        int hi = ts.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (ts[mid] <= t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * Adds a sample in time order (a second sample at the same time replaces the first) and drops
     * the series' samples at or before {@code cutoff}.
     *
     * @return the series' buffered samples, or null when none are left
     */
    private SampleBatch insert(Labels labels, long ts, double value, long cutoff) throws Exception {
        String key = StepPoint.encode(labels);
        byte[] b = buffers.get(key);
        SampleBatch old = b == null ? null : decode(b);
        long[] ots = old == null ? new long[0] : old.timestamps();
        double[] ovs = old == null ? new double[0] : old.values();
        int i = Arrays.binarySearch(ots, ts);
        long[] nts;
        double[] nvs;
        if (i >= 0) {
            nts = ots;
            nvs = ovs.clone();
            nvs[i] = value;
        } else {
            int at = -i - 1;
            nts = new long[ots.length + 1];
            nvs = new double[ots.length + 1];
            System.arraycopy(ots, 0, nts, 0, at);
            System.arraycopy(ovs, 0, nvs, 0, at);
            nts[at] = ts;
            nvs[at] = value;
            System.arraycopy(ots, at, nts, at + 1, ots.length - at);
            System.arraycopy(ovs, at, nvs, at + 1, ots.length - at);
        }
        int from = upperBound(nts, cutoff);
        if (from == nts.length) {
            buffers.remove(key);
            return null;
        }
        SampleBatch now =
                new SampleBatch(
                        labels,
                        Arrays.copyOfRange(nts, from, nts.length),
                        Arrays.copyOfRange(nvs, from, nvs.length));
        buffers.put(key, MetricBatchCodec.encodeValue(now));
        return now;
    }

    /**
     * Drops samples no pending step can read. At the timer {@code now}, every step {@code t} still
     * to come has its timer at {@code t + lateness >= now} (timers fire in time order, and the
     * watermark may have jumped far past {@code now}), and reads samples after {@code t - offset -
     * reach}.
     */
    private void evict(Map<String, ViewProgram> views, long now) throws Exception {
        long keep = retentionMillis;
        for (ViewProgram p : views.values()) {
            keep = Math.max(keep, p.lateness() + p.offsetMillis + p.reachMillis);
        }
        long cutoff = now - keep;
        Iterator<Map.Entry<String, byte[]>> it = buffers.iterator();
        List<Map.Entry<String, byte[]>> updates = new ArrayList<>();
        while (it.hasNext()) {
            Map.Entry<String, byte[]> e = it.next();
            SampleBatch s = decode(e.getValue());
            int from = upperBound(s.timestamps(), cutoff);
            if (from == s.size()) {
                it.remove();
            } else if (from > 0) {
                updates.add(
                        Map.entry(
                                e.getKey(),
                                MetricBatchCodec.encodeValue(
                                        new SampleBatch(
                                                s.labels(),
                                                Arrays.copyOfRange(s.timestamps(), from, s.size()),
                                                Arrays.copyOfRange(s.values(), from, s.size())))));
            }
        }
        for (Map.Entry<String, byte[]> u : updates) {
            buffers.put(u.getKey(), u.getValue());
        }
    }

    private static SampleBatch decode(byte[] b) {
        try {
            return MetricBatchCodec.decodeValue(b);
        } catch (CorruptRecordException e) {
            throw new IllegalStateException("corrupt series buffer in state", e);
        }
    }
}
