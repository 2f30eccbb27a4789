package io.weir.server.cli;

import io.weir.connectors.text.ExpositionException;
import io.weir.connectors.text.ExpositionFormat;
import io.weir.connectors.text.ExpositionParser;
import io.weir.promql.PromqlException;
import io.weir.promql.model.Labels;
import io.weir.search.ast.Durations;
import io.weir.search.exec.Executor;
import io.weir.search.exec.PrefilterExecutor;
import io.weir.search.exec.Search;
import io.weir.search.exec.SequentialExecutor;
import io.weir.search.index.SeriesIndex;
import io.weir.search.parser.SearchParser;
import io.weir.server.api.BadParameterException;
import io.weir.server.api.QueryParams;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code weir search EXPR --data FILE}: finds the series of a Prometheus text or OpenMetrics file
 * that satisfy a series search expression, and prints their label sets, one a line, sorted.
 */
@Command(
        name = "search",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Find series with the series search language, e.g.",
            "  kw('checkout') AND label('region') AND NOT pct(0.99, 1h) > 0.5",
            "",
            "kw('text') matches tokens (runs of letters and digits, case-folded) of the metric"
                    + " name and label values; label('name') [= 'v' | =~ 're'] tests a label;"
                    + " pct(q, range) <op> number compares the series' q-quantile over the range"
                    + " (from 1%-accurate sketches per pane) with a number. AND, OR, NOT and"
                    + " parentheses combine them; 'metric{matchers} WHERE ...' restricts to a"
                    + " selector.",
            ""
        },
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:success",
            "2:bad arguments, expression, or data (messages on standard error)"
        })
final class SearchCommand implements Callable<Integer> {

    enum ExecutorKind {
        prefilter,
        sequential
    }

    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "EXPR", description = "the search expression")
    String expression;

    @Option(
            names = "--data",
            required = true,
            paramLabel = "<file>",
            description = "the samples (Prometheus text or OpenMetrics); '-' reads standard input")
    String file;

    @Option(
            names = "--time",
            paramLabel = "<t>",
            description = "evaluate percentiles at this time (default: the newest sample's)")
    String time;

    @Option(
            names = "--pane",
            paramLabel = "<duration>",
            defaultValue = "1m",
            description = "width of a sketch pane (default: ${DEFAULT-VALUE})")
    String pane;

    @Option(
            names = "--executor",
            paramLabel = "<kind>",
            defaultValue = "prefilter",
            description = "prefilter or sequential (default: ${DEFAULT-VALUE})")
    ExecutorKind executor;

    @Option(names = "--explain", description = "print the optimized plan and its groups instead")
    boolean explain;

    @Option(
            names = "--analyze",
            description =
                    "with --explain: run the search and show each node's candidates and survivors")
    boolean analyze;

    @Option(
            names = {"-q", "--quiet"},
            description = "no progress on standard error")
    boolean quiet;

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
        // A bad expression fails before a possibly long load.
        try {
            SearchParser.parse(expression);
        } catch (PromqlException e) {
            err.println(e.getMessage());
            return ExitCodes.USAGE;
        }
        long paneMillis;
        Long timeMs;
        try {
            paneMillis = Durations.parse(pane);
            timeMs = time == null ? null : QueryParams.parseTime("time", time);
        } catch (IllegalArgumentException | ArithmeticException e) {
            err.println("weir search: invalid --pane: " + pane);
            return ExitCodes.USAGE;
        } catch (BadParameterException e) {
            err.println("weir search: invalid --time: " + e.reason());
            return ExitCodes.USAGE;
        }
        if (paneMillis <= 0) {
            err.println("weir search: --pane must be positive");
            return ExitCodes.USAGE;
        }
        SampleLoader.Loaded loaded;
        try {
            loaded = load(err);
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
        Search search = new Search(SeriesIndex.fromStore(loaded.store(), paneMillis));
        long at =
                timeMs != null
                        ? timeMs
                        : loaded.samples() > 0
                                ? loaded.maxTimestampMillis()
                                : System.currentTimeMillis();
        if (explain) {
            out.print(analyze ? search.analyze(expression, at) : search.explain(expression));
            return ExitCodes.OK;
        }
        Executor ex =
                switch (executor) {
                    case prefilter -> new PrefilterExecutor();
                    case sequential -> new SequentialExecutor();
                };
        List<Labels> found = search.series(expression, at, ex);
        found.forEach(out::println);
        return ExitCodes.OK;
    }

    private SampleLoader.Loaded load(PrintWriter err) throws IOException {
        boolean stdin = file.equals("-");
        Path path = Path.of(file);
        if (!stdin && Files.isDirectory(path)) {
            throw new IOException("is a directory");
        }
        ExpositionFormat fmt = stdin ? ExpositionFormat.PROMETHEUS : ExpositionFormat.detect(path);
        String name = stdin ? "<stdin>" : file;
        ExpositionParser parser = new ExpositionParser(fmt, name);
        PrintWriter progress = quiet ? null : err;
        if (stdin) {
            return SampleLoader.load(System.in, -1, parser, progress, name);
        }
        try (InputStream in = Files.newInputStream(path)) {
            return SampleLoader.load(in, Files.size(path), parser, progress, name);
        }
    }
}
