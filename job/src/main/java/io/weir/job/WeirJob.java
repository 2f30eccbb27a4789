package io.weir.job;

import io.weir.connectors.codec.MetricFormat;
import io.weir.connectors.codec.MetricSample;
import io.weir.connectors.codec.ResultRecord;
import io.weir.connectors.dlq.DeadLetters;
import io.weir.connectors.flink.MetricWatermarks;
import io.weir.connectors.flink.SplitDeadLetters;
import io.weir.connectors.flink.WeirTypes;
import io.weir.connectors.kafka.ExactlyOnceSink;
import io.weir.connectors.kafka.MetricsSource;
import io.weir.connectors.kafka.TopicFormats;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The one Weir job: metric samples and view registrations from Kafka, the series, aggregation and
 * view stages, results and dead letters to Kafka exactly once. Views are registered and dropped on
 * the queries topic while it runs; the graph never changes. Operator uids are fixed, so savepoints
 * survive new versions of the job.
 *
 * <p>Usage: {@code WeirJob [--config job.properties] [--key value]...}, keys as in {@link
 * JobConfig}.
 */
public final class WeirJob {
    private WeirJob() {}

    public static void main(String[] args) throws Exception {
        JobConfig config = JobConfig.fromArgs(args);
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(flinkConfiguration(config));
        build(env, config);
        env.execute("weir");
    }

    /** RocksDB with incremental checkpoints, the checkpoint interval and directory. */
    public static Configuration flinkConfiguration(JobConfig config) {
        Configuration conf = new Configuration();
        conf.set(StateBackendOptions.STATE_BACKEND, "rocksdb");
        conf.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, config.checkpointInterval());
        if (config.checkpointDir() != null) {
            conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, config.checkpointDir());
        }
        return conf;
    }

    /** Adds the job's pipeline to {@code env}. */
    public static void build(StreamExecutionEnvironment env, JobConfig config) {
        if (config.parallelism() > 0) {
            env.setParallelism(config.parallelism());
        }
        String servers = config.bootstrapServers();
        SingleOutputStreamOperator<MetricSample> samples =
                env.fromSource(
                                MetricsSource.builder()
                                        .bootstrapServers(servers)
                                        .topics(
                                                TopicFormats.of(
                                                        Map.of(
                                                                config.metricsTopic(),
                                                                MetricFormat.BINARY)))
                                        .groupId(config.groupId())
                                        .startingOffsets(OffsetsInitializer.earliest())
                                        .maxFuture(config.maxFuture())
                                        .build(),
                                MetricWatermarks.strategy(
                                        config.outOfOrderness(), config.idleness()),
                                "metrics")
                        .uid("weir-metrics-source")
                        .process(new SplitDeadLetters())
                        .name("split dead letters")
                        .uid("weir-split-dead-letters");
        DataStream<ViewSpec> registrations =
                env.fromSource(
                                QueriesSource.build(
                                        servers,
                                        config.queriesTopic(),
                                        config.groupId() + "-queries",
                                        config.defaultLateness()),
                                QueriesSource.watermarks(),
                                "queries")
                        .uid("weir-queries-source")
                        .setParallelism(1)
                        .filter(spec -> !spec.isCaughtUp())
                        .name("registrations and drops")
                        .uid("weir-queries-caught-up")
                        .setParallelism(1);
        BroadcastStream<ViewSpec> views = registrations.broadcast(Programs.VIEWS);
        TypeInformation<StepPoint> points = TypeInformation.of(StepPoint.class);
        SingleOutputStreamOperator<StepPoint> series =
                samples.keyBy(s -> s.labels().hash64(), Types.LONG)
                        .connect(views)
                        .process(
                                new SeriesStage(
                                        config.metricsTopic(),
                                        ViewPlanner.LOOKBACK_MILLIS
                                                + config.defaultLateness().toMillis()),
                                points)
                        .name("series stage")
                        .uid("weir-series-stage");
        SingleOutputStreamOperator<StepPoint> aggregated =
                series.keyBy(AggregationStage::key, Types.STRING)
                        .connect(views)
                        .process(new AggregationStage(), points)
                        .name("aggregation stage")
                        .uid("weir-aggregation-stage");
        // The view stage reads the aggregated points, the raw samples of the views on the
        // evaluated path, and each view's own registrations, all keyed by view.
        SingleOutputStreamOperator<ResultRecord> results =
                aggregated
                        .union(series.getSideOutput(SeriesStage.FORWARD))
                        .keyBy(StepPoint::view, Types.STRING)
                        .connect(registrations.keyBy(ViewSpec::name, Types.STRING))
                        .process(new ViewStage(), WeirTypes.RESULT_RECORD)
                        .name("view stage")
                        .uid("weir-view-stage");
        results.sinkTo(
                        ExactlyOnceSink.results(config.resultsTopic())
                                .bootstrapServers(servers)
                                .transactionalIdPrefix(config.groupId() + "-results")
                                .build())
                .name("results")
                .uid("weir-results-sink");
        samples.getSideOutput(DeadLetters.TAG)
                .union(series.getSideOutput(DeadLetters.TAG))
                .sinkTo(
                        ExactlyOnceSink.deadLetters(config.deadLetterTopic())
                                .bootstrapServers(servers)
                                .transactionalIdPrefix(config.groupId() + "-dlq")
                                .build())
                .name("dead letters")
                .uid("weir-dead-letters-sink");
    }
}
