package io.weir.job.bench;

import io.weir.connectors.codec.MetricFormat;
import io.weir.connectors.codec.MetricSample;
import io.weir.connectors.codec.ResultKind;
import io.weir.connectors.codec.ResultRecord;
import io.weir.connectors.flink.MetricWatermarks;
import io.weir.connectors.flink.SplitDeadLetters;
import io.weir.connectors.flink.WeirTypes;
import io.weir.connectors.kafka.ExactlyOnceSink;
import io.weir.connectors.kafka.MetricsSource;
import io.weir.connectors.kafka.TopicFormats;
import io.weir.job.JobConfig;
import io.weir.promql.model.Labels;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.types.Row;

/**
 * A hand-written Flink SQL job for the benchmark's first two views, over the same Kafka source,
 * watermarks, state backend, checkpointing and exactly-once results sink as the Weir job: sliding
 * (HOP) windows of 5 minutes every minute and GROUP BY.
 *
 * <ul>
 *   <li>{@code sum by (job) (rate(bench_requests_total[5m]))}: per series {@code (MAX - MIN) / 300}
 *       (the increase of a counter without resets over the window, without Prometheus's
 *       extrapolation to the window's edges), then SUM per job over the same window.
 *   <li>{@code avg_over_time(bench_memory_bytes[5m])}: AVG per series.
 * </ul>
 *
 * A HOP window is {@code [end - 5m, end)}, a PromQL range {@code (t - 5m, t]}; no sample of the
 * benchmark lies on a minute boundary, so the windows hold the same samples.
 */
final class SqlJob {
    static final String RATE_VIEW = "v0";
    static final String AVG_VIEW = "v1";

    private SqlJob() {}

    static void build(StreamExecutionEnvironment env, JobConfig config) {
        env.setParallelism(config.parallelism());
        TypeInformation<Row> rows =
                Types.ROW_NAMED(
                        new String[] {"name", "job", "instance", "v"},
                        Types.STRING,
                        Types.STRING,
                        Types.STRING,
                        Types.DOUBLE);
        DataStream<Row> samples =
                env.fromSource(
                                MetricsSource.builder()
                                        .bootstrapServers(config.bootstrapServers())
                                        .topics(
                                                TopicFormats.of(
                                                        Map.of(
                                                                config.metricsTopic(),
                                                                MetricFormat.BINARY)))
                                        .groupId(config.groupId())
                                        .startingOffsets(OffsetsInitializer.earliest())
                                        .build(),
                                MetricWatermarks.strategy(
                                        config.outOfOrderness(), config.idleness()),
                                "metrics")
                        .process(new SplitDeadLetters())
                        .map(SqlJob::row, rows)
                        .name("to rows");
        StreamTableEnvironment tables = StreamTableEnvironment.create(env);
        tables.getConfig().set("table.local-time-zone", "UTC");
        tables.createTemporaryView(
                "samples",
                tables.fromDataStream(
                        samples,
                        Schema.newBuilder()
                                .columnByMetadata("rowtime", "TIMESTAMP_LTZ(3)")
                                .watermark("rowtime", "SOURCE_WATERMARK()")
                                .build()));
        String window =
                "TABLE(HOP(TABLE samples, DESCRIPTOR(rowtime), INTERVAL '1' MINUTE,"
                        + " INTERVAL '5' MINUTE))";
        Table rate =
                tables.sqlQuery(
                        "SELECT window_end, job, SUM(r) AS v FROM ("
                                + " SELECT window_start, window_end, job, instance,"
                                + " (MAX(v) - MIN(v)) / 300.0 AS r FROM "
                                + window
                                + " WHERE name = 'bench_requests_total'"
                                + " GROUP BY window_start, window_end, job, instance)"
                                + " GROUP BY window_start, window_end, job");
        Table avg =
                tables.sqlQuery(
                        "SELECT window_end, job, instance, AVG(v) AS v FROM "
                                + window
                                + " WHERE name = 'bench_memory_bytes'"
                                + " GROUP BY window_start, window_end, job, instance");
        DataStream<ResultRecord> results =
                tables.toDataStream(rate)
                        .map(
                                r ->
                                        result(
                                                RATE_VIEW,
                                                r,
                                                Labels.of("job", (String) r.getField("job"))),
                                WeirTypes.RESULT_RECORD)
                        .union(
                                tables.toDataStream(avg)
                                        .map(
                                                r ->
                                                        result(
                                                                AVG_VIEW,
                                                                r,
                                                                Labels.of(
                                                                        "instance",
                                                                        (String)
                                                                                r.getField(
                                                                                        "instance"),
                                                                        "job",
                                                                        (String)
                                                                                r.getField("job"))),
                                                WeirTypes.RESULT_RECORD));
        results.sinkTo(
                        ExactlyOnceSink.results(config.resultsTopic())
                                .bootstrapServers(config.bootstrapServers())
                                .transactionalIdPrefix(config.groupId() + "-results")
                                .build())
                .name("results");
    }

    private static Row row(MetricSample s) {
        Labels l = s.labels();
        return Row.of(l.metricName(), l.get("job"), l.get("instance"), s.value());
    }

    private static ResultRecord result(String view, Row r, Labels labels) {
        LocalDateTime end = (LocalDateTime) r.getField("window_end");
        long step = end.toInstant(ZoneOffset.UTC).toEpochMilli();
        return new ResultRecord(view, labels, step, (Double) r.getField("v"), ResultKind.FINAL);
    }
}
