package io.weir.promql.explain;

import io.weir.promql.plan.physical.CompiledView;
import io.weir.promql.plan.physical.PhysicalPlan;
import io.weir.promql.plan.physical.PhysicalPlanner;
import io.weir.promql.plan.physical.ViewCatalog;
import io.weir.promql.plan.physical.ViewCompiler;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** EXPLAIN output of one feature per golden file. */
class ExplainGoldenTest {
    private static final long MINUTE = 60_000;

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = ';',
            textBlock =
                    """
                    instant-selector     ; 60000  ; http_requests_total{job="api"}
                    matcher-normalise    ; 60000  ; up{job=~"api", job=~"api", env=~".*", dc!~`eu\\.1`}
                    matcher-contradiction; 60000  ; up{job="api", job="web"}
                    matcher-order        ; 60000  ; http_requests_total{path=~"/api/.*", code!="200", instance=~"a|b"}
                    rate-panes           ; 60000  ; rate(http_requests_total[5m])
                    over-time-panes      ; 120000 ; avg_over_time(cpu_seconds[10m])
                    tumbling-window      ; 300000 ; increase(http_requests_total[5m])
                    sum-two-phase        ; 60000  ; sum by (job) (rate(http_requests_total[5m]))
                    avg-without          ; 60000  ; avg without (instance) (up)
                    count-values         ; 60000  ; count_values("version", build_info)
                    topk-partial         ; 60000  ; topk(3, rate(http_requests_total[5m]))
                    quantile-two-phase   ; 60000  ; quantile(0.9, rate(http_requests_total[5m]))
                    stddev-two-phase     ; 60000  ; stddev by (job) (up)
                    limitk-single        ; 60000  ; limitk(2, up)
                    nested-aggregation   ; 60000  ; max(sum by (job) (rate(http_requests_total[5m])))
                    aggregation-then-map ; 60000  ; sum by (job) (up) * 2
                    histogram-quantile   ; 60000  ; histogram_quantile(0.9, sum by (le) (rate(http_request_duration_seconds_bucket[5m])))
                    histogram-raw-buckets; 60000  ; histogram_quantile(0.5, http_request_duration_seconds_bucket)
                    join-on              ; 60000  ; rate(errors_total[5m]) / on (job) group_left sum by (job) (rate(requests_total[5m]))
                    join-default         ; 60000  ; rate(errors_total[5m]) / rate(requests_total[5m])
                    set-operator         ; 60000  ; up and on (job) (rate(http_requests_total[5m]) > 0)
                    subquery             ; 60000  ; max_over_time(rate(http_requests_total[5m])[30m:1m])
                    subquery-aggregated  ; 60000  ; max_over_time(sum(rate(http_requests_total[5m]))[30m:])
                    negative-offset      ; 60000  ; rate(http_requests_total[5m] offset -2m)
                    at-start-end         ; 60000  ; rate(http_requests_total[5m] @ end()) - rate(http_requests_total[5m] @ start())
                    absent               ; 60000  ; absent(up{job="api"})
                    absent-over-time     ; 60000  ; absent_over_time(up{job="api"}[10m])
                    scalar-view          ; 60000  ; scalar(sum(up)) * 2 + time()
                    label-replace        ; 60000  ; label_replace(up, "host", "$1", "instance", "(.*):.*")
                    sort-pass-through    ; 60000  ; sort_desc(up)
                    calendar-function    ; 60000  ; day_of_week()
                    """)
    void explainsOneView(String name, long step, String query) {
        CompiledView v = ViewCompiler.defaults().compile(name, query, step);
        GoldenFiles.check(name + ".txt", Explain.text(v));
    }

    /** Two views that share rate(x[5m]); a third is dropped again and frees its own nodes. */
    @Test
    void sharedViews() {
        ViewCatalog catalog = new ViewCatalog(ViewCompiler.defaults());
        catalog.register(
                "errors", "sum by (job) (rate(http_requests_total{code=~\"5..\"}[5m]))", MINUTE);
        catalog.register("top", "topk(3, rate(http_requests_total{code=~\"5..\"}[5m]))", MINUTE);
        catalog.register("dropped", "max(up)", MINUTE);
        catalog.drop("dropped");
        PhysicalPlan plan = catalog.physicalPlan();
        GoldenFiles.check("shared-views.txt", Explain.text(plan, catalog.views()));
        GoldenFiles.check("shared-views.json", Explain.json(plan));
    }

    /** JSON of a single view: the two-phase aggregation of histogram buckets. */
    @Test
    void jsonOfOneView() {
        CompiledView v =
                ViewCompiler.defaults()
                        .compile(
                                "p90",
                                "histogram_quantile(0.9, sum by (le) (rate(lat_bucket[5m])))",
                                MINUTE);
        GoldenFiles.check("histogram-quantile.json", Explain.json(v));
    }

    /** With the optimizer rules disabled, the plan is the planner's. */
    @Test
    void rulesDisabled() {
        ViewCompiler compiler =
                new ViewCompiler(Set.of("SplitAggregation", "SlicePanes"), 300_000L, 60_000L);
        CompiledView v =
                compiler.compile("unsplit", "sum by (job) (rate(http_requests_total[5m]))", MINUTE);
        GoldenFiles.check(
                "rules-disabled.txt", Explain.text(PhysicalPlanner.plan(v), java.util.List.of(v)));
    }
}
