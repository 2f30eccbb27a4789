package io.weir.server.cli;

import io.weir.connectors.text.ExpositionException;
import io.weir.connectors.text.ExpositionFormat;
import io.weir.connectors.text.ExpositionParser;
import io.weir.promql.PromqlException;
import io.weir.promql.eval.Engine;
import io.weir.promql.eval.EngineOptions;
import io.weir.promql.eval.Evaluation;
import io.weir.promql.parser.PromqlParser;
import io.weir.server.api.BadParameterException;
import io.weir.server.api.PrometheusJson;
import io.weir.server.api.QueryParams;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code weir eval FILE QUERY}: loads a Prometheus text or OpenMetrics file and evaluates one
 * instant or range query over it, as Prometheus's {@code /api/v1/query} and {@code
 * /api/v1/query_range} would over the same data.
 */
@Command(
        name = "eval",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Evaluate a PromQL query over samples in a file.",
            "",
            "FILE is in the Prometheus text format (timestamps in integer milliseconds) or"
                    + " OpenMetrics (timestamps in seconds; the file ends with '# EOF'); the"
                    + " format is told by that marker unless --input-format says. '-' reads"
                    + " standard input.",
            "",
            "Without --time or --start/--end/--step, an instant query runs at the newest"
                    + " sample's time.",
            "Times are unix seconds or RFC 3339 (2024-01-01T00:00:00Z); durations are seconds"
                    + " or 15s, 1m, 1h30m.",
            ""
        },
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:success",
            "1:the query failed while evaluating",
            "2:bad arguments, query, or data (messages on standard error)"
        })
final class EvalCommand implements Callable<Integer> {

    enum OutputFormat {
        table,
        json
    }

    enum InputFormat {
        auto,
        prometheus,
        openmetrics
    }

    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "the samples")
    String file;

    @Parameters(index = "1", paramLabel = "QUERY", description = "the PromQL query")
    String query;

    @Mixin QueryTimeOptions times;

    @Option(
            names = "--format",
            paramLabel = "<format>",
            defaultValue = "table",
            description =
                    "table, or json: the body of Prometheus's query API (default: ${DEFAULT-VALUE})")
    OutputFormat format;

    @Option(
            names = "--input-format",
            paramLabel = "<format>",
            defaultValue = "auto",
            description = "auto, prometheus or openmetrics (default: ${DEFAULT-VALUE})")
    InputFormat inputFormat;

    @Option(
            names = "--default-time",
            paramLabel = "<t>",
            description = "time of samples written without a timestamp (default: none, an error)")
    String defaultTime;

    @Option(
            names = "--lookback-delta",
            paramLabel = "<duration>",
            description = "how far back an instant selector looks (default: 5m)")
    String lookbackDelta;

    @Option(
            names = {"-q", "--quiet"},
            description = "no progress or notes on standard error")
    boolean quiet;

    private PrintWriter err;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        err = spec.commandLine().getErr();
        try {
            return run(out);
        } finally {
            out.flush();
            err.flush();
        }
    }

    private int run(PrintWriter out) {
        String problem = times.problem();
        if (problem != null) {
            return usage(problem);
        }
        boolean range = times.range();
        String time = times.time;
        String start = times.start;
        String end = times.end;
        String step = times.step;
        long startMs;
        long endMs;
        long stepMs;
        Long timeMs;
        Long defaultMs;
        EngineOptions options = EngineOptions.defaults();
        try {
            startMs = range ? QueryParams.parseTime("start", start) : 0;
            endMs = range ? QueryParams.parseTime("end", end) : 0;
            stepMs = range ? QueryParams.parseDuration("step", step) : 0;
            if (range) {
                QueryParams.checkRange(startMs, endMs, stepMs);
            }
            timeMs = time == null ? null : QueryParams.parseTime("time", time);
            defaultMs =
                    defaultTime == null ? null : QueryParams.parseTime("default_time", defaultTime);
            if (lookbackDelta != null) {
                long lookback = QueryParams.parseDuration("lookback_delta", lookbackDelta);
                if (lookback <= 0) {
                    return usage("--lookback-delta must be positive");
                }
                options =
                        new EngineOptions(
                                lookback,
                                options.defaultSubqueryStepMillis(),
                                options.maxSamples(),
                                options.timeout(),
                                options.parallelism());
            }
        } catch (BadParameterException e) {
            return usage(flagMessage(e));
        }

        if (!file.equals("-") && !Files.exists(Path.of(file))) {
            err.println(file + ": no such file");
            return ExitCodes.USAGE;
        }
        // A bad query fails before a possibly long load.
        try {
            PromqlParser.parse(query);
        } catch (PromqlException e) {
            err.println(e.getMessage());
            return ExitCodes.USAGE;
        }

        SampleLoader.Loaded loaded;
        try {
            loaded = load(defaultMs);
        } catch (NoSuchFileException e) {
            err.println(file + ": no such file");
            return ExitCodes.USAGE;
        } catch (IOException e) {
            err.println(file + ": cannot read: " + e.getMessage());
            return ExitCodes.USAGE;
        } catch (ExpositionException e) {
            err.println(e.getMessage());
            return ExitCodes.USAGE;
        }

        Evaluation result;
        try (Engine engine = new Engine(options)) {
            if (range) {
                result = engine.evaluateRange(loaded.store(), query, startMs, endMs, stepMs);
            } else {
                long t = timeMs != null ? timeMs : newestOrNow(loaded);
                result = engine.evaluateInstant(loaded.store(), query, t);
            }
        } catch (PromqlException e) {
            err.println(e.getMessage());
            return switch (e.code()) {
                case PARSE, TYPE, UNSUPPORTED -> ExitCodes.USAGE;
                case EXECUTION, LIMIT, TIMEOUT -> ExitCodes.EVAL_FAILED;
            };
        } catch (UnsupportedOperationException e) {
            err.println("weir: " + e.getMessage());
            return ExitCodes.EVAL_FAILED;
        }

        if (format == OutputFormat.json) {
            // Prometheus puts warnings and infos into the body; so does the JSON format here.
            out.println(
                    PrometheusJson.querySuccess(result.value(), result.warnings(), result.infos()));
        } else {
            result.warnings().forEach(w -> err.println("warning: " + w));
            result.infos().forEach(i -> err.println("info: " + i));
            ResultTable.print(result.value(), out);
        }
        return ExitCodes.OK;
    }

    private SampleLoader.Loaded load(Long defaultMs) throws IOException {
        boolean stdin = file.equals("-");
        Path path = Path.of(file);
        if (!stdin && Files.isDirectory(path)) {
            throw new IOException("is a directory");
        }
        ExpositionFormat fmt =
                switch (inputFormat) {
                    case prometheus -> ExpositionFormat.PROMETHEUS;
                    case openmetrics -> ExpositionFormat.OPENMETRICS;
                    case auto ->
                            stdin ? ExpositionFormat.PROMETHEUS : ExpositionFormat.detect(path);
                };
        String name = stdin ? "<stdin>" : file;
        ExpositionParser parser = new ExpositionParser(fmt, name);
        if (defaultMs != null) {
            parser = parser.withDefaultTimestamp(defaultMs);
        }
        PrintWriter progress = quiet ? null : err;
        if (stdin) {
            return SampleLoader.load(System.in, -1, parser, progress, name);
        }
        try (InputStream in = Files.newInputStream(path)) {
            return SampleLoader.load(in, Files.size(path), parser, progress, name);
        }
    }

    private long newestOrNow(SampleLoader.Loaded loaded) {
        long t = loaded.samples() > 0 ? loaded.maxTimestampMillis() : System.currentTimeMillis();
        if (!quiet) {
            err.println(
                    "weir: evaluating at "
                            + Instant.ofEpochMilli(t)
                            + (loaded.samples() > 0 ? ", the newest sample's time" : ", now")
                            + " (--time to choose)");
        }
        return t;
    }

    private int usage(String message) {
        err.println("weir eval: " + message);
        return ExitCodes.USAGE;
    }

    /** Prometheus's parameter names as this command's flags. */
    private String flagMessage(BadParameterException e) {
        String flag =
                switch (e.parameter()) {
                    case "lookback_delta" -> "--lookback-delta";
                    case "default_time" -> "--default-time";
                    default -> "--" + e.parameter();
                };
        return "invalid " + flag + ": " + e.reason();
    }
}
