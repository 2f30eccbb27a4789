package io.weir.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.weir.server.client.ApiException;
import io.weir.server.client.WeirClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code weir query QUERY [--time t]} or {@code --start --end --step}: asks a running server, as
 * {@code promtool query} would, and prints the answer as {@code weir eval} prints its own.
 */
@Command(
        name = "query",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Run an instant or range query on a running Weir server and print a table.",
            "",
            "Times are unix seconds or RFC 3339; durations 15s, 1m, 1h30m. Without --time the"
                    + " server evaluates at its current time.",
            ""
        },
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:success",
            "1:the query failed on the server, or the server could not be reached",
            "2:bad arguments or a bad query (the server's message on standard error)"
        })
final class QueryCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin ServerOptions server;

    @Parameters(index = "0", paramLabel = "QUERY", description = "the PromQL query")
    String query;

    @Mixin QueryTimeOptions times;

    @Option(names = "--json", description = "print the server's JSON answer as it came")
    boolean json;

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
        String problem = times.problem();
        if (problem != null) {
            return usage(err, problem);
        }
        boolean range = times.range();
        String time = times.time;
        String start = times.start;
        String end = times.end;
        String step = times.step;
        String body;
        try {
            WeirClient client = server.client();
            body = range ? client.queryRange(query, start, end, step) : client.query(query, time);
        } catch (IllegalArgumentException e) {
            return usage(err, e.getMessage());
        } catch (ApiException e) {
            return ServerOptions.fail(err, e);
        } catch (IOException e) {
            return ServerOptions.fail(err, e);
        }
        if (json) {
            out.println(body);
            return ExitCodes.OK;
        }
        JsonNode envelope;
        try {
            envelope = WeirClient.envelope(body);
        } catch (ApiException e) {
            return ServerOptions.fail(err, e);
        }
        for (JsonNode w : envelope.path("warnings")) {
            err.println("warning: " + w.asText());
        }
        for (JsonNode i : envelope.path("infos")) {
            err.println("info: " + i.asText());
        }
        ResultTable.print(PrometheusResults.parse(envelope.path("data")), out);
        return ExitCodes.OK;
    }

    private static int usage(PrintWriter err, String message) {
        err.println("weir query: " + message);
        return ExitCodes.USAGE;
    }
}
