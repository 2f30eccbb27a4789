package io.weir.job.bench;

import io.weir.connectors.codec.MetricFormat;
import io.weir.connectors.flink.MetricWatermarks;
import io.weir.connectors.flink.SplitDeadLetters;
import io.weir.connectors.kafka.MetricsSource;
import io.weir.connectors.kafka.TopicFormats;
import io.weir.job.JobConfig;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * The ceiling of this set-up: a job that only reads the backlog from Kafka and decodes it as both
 * measured jobs do (the same source, deserializer, watermarks and dead-letter split, the same
 * parallelism and checkpointing), then drops every sample. No job that computes anything from the
 * samples can be faster on the same machine, so its samples per second bound the others'.
 *
 * <p>Its source is bounded at the backlog's end, so the run ends when the job finishes; the time is
 * from {@code executeAsync} to the job's end, start-up included as in the other runs.
 */
final class SourceCeiling {
    private SourceCeiling() {}

    record Outcome(long samples, double seconds, double cpuSeconds) {
        String line() {
            return String.format(
                    Locale.ROOT,
                    "run: read and decode only: %d samples in %.2f s = %.0f samples/s (%.1f CPU s)",
                    samples,
                    seconds,
                    samples / seconds,
                    cpuSeconds);
        }
    }

    static Outcome run(BenchRun.Setup s, int id) throws Exception {
        JobConfig config = JobBenchmark.config(s, "c" + id);
        long samples = BenchRun.prepare(s, config);
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(
                        JobBenchmark.flinkConfiguration(config));
        env.setParallelism(config.parallelism());
        env.fromSource(
                        MetricsSource.builder()
                                .bootstrapServers(config.bootstrapServers())
                                .topics(
                                        TopicFormats.of(
                                                Map.of(config.metricsTopic(), MetricFormat.BINARY)))
                                .groupId(config.groupId())
                                .startingOffsets(OffsetsInitializer.earliest())
                                .boundedAt(OffsetsInitializer.latest())
                                .maxFuture(config.maxFuture())
                                .build(),
                        MetricWatermarks.strategy(config.outOfOrderness(), config.idleness()),
                        "metrics")
                .process(new SplitDeadLetters())
                .sinkTo(new DiscardingSink<>());
        long cpuStart = BenchRun.cpuNanos();
        ThreadCpu threads = ThreadCpu.start();
        long start = System.nanoTime();
        JobClient job = env.executeAsync("bench read and decode only");
        job.getJobExecutionResult().get();
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (BenchRun.cpuNanos() - cpuStart) / 1e9;
        System.out.println("cpu by thread (s): " + threads.since(cpuSeconds));
        return new Outcome(samples, seconds, cpuSeconds);
    }
}
