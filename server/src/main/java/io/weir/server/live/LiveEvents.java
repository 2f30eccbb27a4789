package io.weir.server.live;

import io.weir.connectors.codec.ResultKind;
import io.weir.connectors.codec.ResultRecord;
import io.weir.promql.model.Labels;
import io.weir.server.api.PrometheusJson;

/** The Server-Sent Events text of live results. */
public final class LiveEvents {
    /** A comment line that keeps idle connections (and proxies) open. */
    public static final String KEEP_ALIVE = ": keep-alive\n\n";

    private LiveEvents() {}

    /**
     * {@code event: step} and {@code data: {"metric":{...},"t":<seconds>,"value":"<float>",
     * "final":true|false}}; the series is named by the view, as queries of the view see it.
     */
    public static String step(ResultRecord r) {
        StringBuilder sb = new StringBuilder(128);
        sb.append("event: step\ndata: {\"metric\":");
        PrometheusJson.appendLabels(
                sb, r.series().toBuilder().set(Labels.METRIC_NAME, r.view()).build());
        sb.append(",\"t\":");
        PrometheusJson.appendTimestamp(sb, r.stepMillis());
        sb.append(",\"value\":");
        PrometheusJson.appendSampleValue(sb, r.value());
        sb.append(",\"final\":").append(r.kind() == ResultKind.FINAL).append("}\n\n");
        return sb.toString();
    }
}
