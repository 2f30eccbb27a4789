package io.weir.server.demo;

import io.weir.server.client.ViewDefinition;
import java.util.List;

/** The views the demo registers over the generator's metrics. */
public final class DemoViews {
    private DemoViews() {}

    /**
     * Requests per second by job, p90 latency by job, memory by job averaged over 5 minutes; a step
     * of 15 s, so that they move while one watches, and a lateness of 30 s, so that a busy
     * machine's late samples still count.
     */
    public static final List<ViewDefinition> VIEWS =
            List.of(
                    new ViewDefinition(
                            "job:http_requests:rate1m",
                            "sum by (job) (rate(http_requests_total[1m]))",
                            "15s",
                            "30s",
                            "1d"),
                    new ViewDefinition(
                            "job:http_request_duration_seconds:p90",
                            "histogram_quantile(0.9, sum by (job, le)"
                                    + " (rate(http_request_duration_seconds_bucket[1m])))",
                            "15s",
                            "30s",
                            "1d"),
                    new ViewDefinition(
                            "job:process_resident_memory_bytes:avg5m",
                            "avg by (job) (avg_over_time(process_resident_memory_bytes[5m]))",
                            "15s",
                            "30s",
                            "1d"));
}
