package io.weir.server.cli;

import io.weir.server.demo.MetricsModel;
import io.weir.server.demo.MetricsProducer;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InterruptException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code weir generate --kafka SERVERS}: realistic metrics (counters with resets, gauges, classic
 * histograms) written to {@code weir.metrics} as binary sample batches, in real time, after an
 * optional backfill of history.
 */
@Command(
        name = "generate",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Generate realistic metrics into Kafka (binary batches in weir.metrics).",
            "",
            "Per simulated instance: http_requests_total"
                    + " by method and code (counters that reset when an instance restarts), the"
                    + " classic histogram http_request_duration_seconds (_bucket, _sum, _count),"
                    + " and the gauges http_requests_in_flight, process_resident_memory_bytes and"
                    + " up. Jobs api, web and checkout; traffic in waves, error bursts.",
            "",
            "Ctrl-C stops.",
            ""
        })
final class GenerateCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
            names = "--kafka",
            required = true,
            paramLabel = "<servers>",
            description = "Kafka bootstrap servers, host:port[,host:port...]")
    String kafka;

    @Option(
            names = "--topic",
            paramLabel = "<topic>",
            defaultValue = "weir.metrics",
            description = "the topic (default: ${DEFAULT-VALUE})")
    String topic;

    @Option(
            names = "--series",
            paramLabel = "<n>",
            defaultValue = "1000",
            description =
                    "about how many series, in instances of "
                            + MetricsModel.SERIES_PER_INSTANCE
                            + " (default: ${DEFAULT-VALUE})")
    int series;

    @Option(
            names = "--interval",
            paramLabel = "<duration>",
            defaultValue = "15s",
            description = "time between two samples of a series (default: ${DEFAULT-VALUE})")
    String interval;

    @Option(
            names = "--rate",
            paramLabel = "<x>",
            defaultValue = "10",
            description =
                    "mean HTTP requests per second of one instance (default: ${DEFAULT-VALUE})")
    double rate;

    @Option(
            names = "--backfill",
            paramLabel = "<duration>",
            description = "first write this much history up to now, e.g. 1h (default: none)")
    String backfill;

    @Option(
            names = "--for",
            paramLabel = "<duration>",
            description =
                    "stop after this long in real time; 0s stops after the backfill"
                            + " (default: run until Ctrl-C)")
    String runFor;

    @Option(
            names = "--seed",
            paramLabel = "<n>",
            defaultValue = "1",
            description =
                    "random seed: the same seed gives the same data (default: ${DEFAULT-VALUE})")
    long seed;

    private final CountDownLatch stopped = new CountDownLatch(1);

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            return run(out, err);
        } finally {
            out.flush();
            err.flush();
        }
    }

    private int run(PrintWriter out, PrintWriter err) {
        Duration step;
        Duration history;
        Duration limit;
        MetricsModel model;
        try {
            step = ServerOptions.Durations.parse("--interval", interval);
            history =
                    backfill == null
                            ? Duration.ZERO
                            : ServerOptions.Durations.parse("--backfill", backfill);
            limit = runFor == null ? null : ServerOptions.Durations.parse("--for", runFor);
            if (step.isZero() || step.isNegative()) {
                throw new IllegalArgumentException("--interval must be positive");
            }
            model = new MetricsModel(series, rate, seed);
        } catch (IllegalArgumentException e) {
            err.println("weir generate: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        Thread main = Thread.currentThread();
        Thread hook =
                new Thread(
                        () -> {
                            main.interrupt();
                            try {
                                stopped.await(15, TimeUnit.SECONDS);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        },
                        "weir-generate-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try (MetricsProducer producer = new MetricsProducer(model, kafka, topic, step)) {
            long now = System.currentTimeMillis();
            if (!history.isZero()) {
                err.printf(
                        Locale.ROOT,
                        "weir generate: backfilling %s of history of %,d series ...%n",
                        backfill,
                        model.seriesCount());
                err.flush();
                producer.backfill(now - history.toMillis(), now);
            }
            out.printf(
                    Locale.ROOT,
                    "weir generate: writing %,d series to %s at %s, a sample each every %s%s%n",
                    model.seriesCount(),
                    topic,
                    kafka,
                    interval,
                    history.isZero()
                            ? ""
                            : String.format(
                                    Locale.ROOT,
                                    " (after %,d samples of history)",
                                    producer.samples()));
            out.flush();
            long until = limit == null ? Long.MAX_VALUE : now + limit.toMillis();
            try {
                producer.run(until, err);
            } catch (InterruptedException | InterruptException e) {
                // Ctrl-C: stop ticking; closing the producer sends what is buffered.
                Thread.interrupted();
            }
            if (producer.failures() > 0) {
                err.println(
                        "weir generate: "
                                + producer.failures()
                                + " records refused; last: "
                                + producer.lastFailure());
                return ExitCodes.EVAL_FAILED;
            }
            return ExitCodes.OK;
        } catch (KafkaException e) {
            err.println("weir generate: Kafka: " + e.getMessage());
            return ExitCodes.EVAL_FAILED;
        } finally {
            stopped.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down: the hook is running
            }
        }
    }
}
