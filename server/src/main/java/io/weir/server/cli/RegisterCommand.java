package io.weir.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.weir.server.client.ApiException;
import io.weir.server.client.ViewDefinition;
import io.weir.server.client.WeirClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code weir register NAME QUERY --step 1m} registers one view; {@code weir register --rules
 * rules.yml} registers every rule of a Prometheus recording-rules file as a view named by its
 * {@code record}.
 */
@Command(
        name = "register",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Register a view (a continuous PromQL query) with a running Weir server, or every rule"
                    + " of a Prometheus recording-rules file.",
            ""
        },
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:registered",
            "1:the server failed or could not be reached",
            "2:bad arguments, or the server refused the query (its message on standard error)"
        })
final class RegisterCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin ServerOptions server;

    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "the view's name")
    String name;

    @Parameters(
            index = "1",
            arity = "0..1",
            paramLabel = "QUERY",
            description = "the PromQL query the view computes")
    String query;

    @Option(names = "--step", paramLabel = "<duration>", description = "the view's step, e.g. 1m")
    String step;

    @Option(
            names = "--lateness",
            paramLabel = "<duration>",
            description = "how long a step waits for late samples (default: the server's)")
    String lateness;

    @Option(
            names = "--retention",
            paramLabel = "<duration>",
            description = "how long the view's history is kept (default: the server's)")
    String retention;

    @Option(
            names = "--rules",
            paramLabel = "<file>",
            description = "a Prometheus recording-rules file: each rule becomes a view")
    Path rules;

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
        if (rules != null) {
            if (name != null || step != null || lateness != null || retention != null) {
                return usage(err, "--rules takes the views from the file: no NAME, QUERY or flags");
            }
        } else if (name == null || query == null) {
            return usage(err, "give NAME and QUERY, or --rules <file>");
        } else if (step == null) {
            return usage(err, "a view needs --step, e.g. --step 1m");
        }
        try {
            WeirClient client = server.client();
            if (rules != null) {
                if (!Files.isRegularFile(rules)) {
                    err.println(rules + ": no such file");
                    return ExitCodes.USAGE;
                }
                JsonNode views =
                        client.registerRules(Files.readString(rules, StandardCharsets.UTF_8));
                for (JsonNode v : views) {
                    print(out, v);
                }
            } else {
                print(
                        out,
                        client.registerView(
                                new ViewDefinition(name, query, step, lateness, retention)));
            }
            return ExitCodes.OK;
        } catch (IllegalArgumentException e) {
            return usage(err, e.getMessage());
        } catch (ApiException e) {
            return ServerOptions.fail(err, e);
        } catch (IOException e) {
            return ServerOptions.fail(err, e);
        }
    }

    private static void print(PrintWriter out, JsonNode view) {
        out.println(
                "registered "
                        + view.path("name").asText()
                        + " (step "
                        + view.path("step").asText()
                        + "): "
                        + view.path("query").asText());
    }

    private static int usage(PrintWriter err, String message) {
        err.println("weir register: " + message);
        return ExitCodes.USAGE;
    }
}
