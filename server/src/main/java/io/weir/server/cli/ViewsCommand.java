package io.weir.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.weir.server.client.ApiException;
import io.weir.server.client.WeirClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code weir views}: the views of a running server, one row each. */
@Command(
        name = "views",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "List the views of a running Weir server: name, step, status, lag, query.",
            ""
        })
final class ViewsCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin ServerOptions server;

    @Option(names = "--json", description = "print the server's JSON answer")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            String body = server.client().viewsBody();
            if (json) {
                out.println(body);
            } else {
                print(WeirClient.data(body), out);
            }
            return ExitCodes.OK;
        } catch (IllegalArgumentException e) {
            err.println("weir views: " + e.getMessage());
            return ExitCodes.USAGE;
        } catch (ApiException e) {
            return ServerOptions.fail(err, e);
        } catch (IOException e) {
            return ServerOptions.fail(err, e);
        } finally {
            out.flush();
            err.flush();
        }
    }

    static void print(JsonNode views, PrintWriter out) {
        if (views.isEmpty()) {
            out.println("no views");
            return;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"NAME", "STEP", "STATUS", "LAG", "QUERY"});
        for (JsonNode v : views) {
            rows.add(
                    new String[] {
                        v.path("name").asText(),
                        v.path("step").asText(),
                        v.path("status").asText("-"),
                        lag(v.path("lagSeconds")),
                        v.path("query").asText()
                    });
        }
        int[] widths = new int[4];
        for (String[] r : rows) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], r[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String[] r : rows) {
            sb.setLength(0);
            for (int i = 0; i < widths.length; i++) {
                sb.append(r[i]).append(" ".repeat(widths[i] - r[i].length() + 2));
            }
            sb.append(r[4]);
            out.println(sb);
        }
    }

    /** The lag in seconds as a short duration; "-" when the view has no final step yet. */
    static String lag(JsonNode seconds) {
        if (!seconds.isNumber()) {
            return "-";
        }
        double s = seconds.asDouble();
        if (s < 60) {
            return String.format(Locale.ROOT, "%.0fs", s);
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", (long) s / 60, (long) s % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm", (long) s / 3600, (long) s % 3600 / 60);
    }
}
