package io.weir.job;

import io.weir.connectors.codec.ResultKind;
import io.weir.connectors.codec.ResultRecord;
import io.weir.promql.model.Labels;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The view stage, keyed by view: the view's outer arithmetic, then the output labels as Prometheus
 * returns them (the metric name removed where an operation dropped it), as final results.
 */
final class ViewStage
        extends KeyedBroadcastProcessFunction<String, StepPoint, ViewSpec, ResultRecord> {
    private static final long serialVersionUID = 1L;
    private static final List<String> SCHEMA_LABELS = List.of("__name__", "__type__", "__unit__");

    private transient Programs programs;

    @Override
    public void open(OpenContext openContext) {
        programs = new Programs();
    }

    @Override
    public void processBroadcastElement(ViewSpec spec, Context ctx, Collector<ResultRecord> out)
            throws Exception {
        Programs.apply(ctx.getBroadcastState(Programs.VIEWS), spec);
    }

    @Override
    public void processElement(StepPoint p, ReadOnlyContext ctx, Collector<ResultRecord> out)
            throws Exception {
        ViewProgram program = programs.get(ctx.getBroadcastState(Programs.VIEWS), p.view());
        if (program == null) {
            return;
        }
        double v = p.value();
        for (ScalarOp op : program.post) {
            v = op.apply(v);
        }
        boolean dropName = p.dropName() || !program.post.isEmpty();
        Labels labels = p.toLabels();
        if (dropName) {
            labels = labels.without(SCHEMA_LABELS);
        }
        out.collect(new ResultRecord(p.view(), labels, p.step(), v, ResultKind.FINAL));
    }
}
