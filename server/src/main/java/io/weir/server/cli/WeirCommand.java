package io.weir.server.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top of the {@code weir} command line; its subcommands do the work. */
@Command(
        name = "weir",
        mixinStandardHelpOptions = true,
        version = "weir 0.1.0-SNAPSHOT",
        description = "PromQL as continuous queries on Apache Flink.",
        subcommands = {
            EvalCommand.class,
            SearchCommand.class,
            ServeCommand.class,
            RegisterCommand.class,
            ViewsCommand.class,
            DropCommand.class,
            QueryCommand.class,
            ImportCommand.class,
            GenerateCommand.class,
            SubmitCommand.class,
            DemoCommand.class,
            CommandLine.HelpCommand.class
        })
public final class WeirCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    /** Without a subcommand: print the usage and fail as for any usage error. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }
}
