package io.weir.server.cli;

import io.weir.server.client.ApiException;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code weir drop NAME}: drops a view from a running server. */
@Command(
        name = "drop",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {"Drop a view: the job stops computing it and its history is deleted.", ""})
final class DropCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin ServerOptions server;

    @Parameters(index = "0", paramLabel = "NAME", description = "the view to drop")
    String name;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            server.client().dropView(name);
            out.println("dropped " + name);
            return ExitCodes.OK;
        } catch (IllegalArgumentException e) {
            err.println("weir drop: " + e.getMessage());
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
}
