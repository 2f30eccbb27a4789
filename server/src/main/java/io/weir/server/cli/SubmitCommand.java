package io.weir.server.cli;

import io.weir.server.client.ApiException;
import io.weir.server.client.FlinkRestClient;
import io.weir.server.demo.WeirHome;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code weir submit --flink URL [JOB ARGS...]}: uploads the shaded job jar to a running Flink
 * cluster over its REST API and runs it; prints the job id.
 */
@Command(
        name = "submit",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Upload the Weir job jar to a running Flink cluster and run it; prints the job id.",
            "",
            "JOB ARGS are the job's settings, e.g. --bootstrap.servers kafka:9092"
                    + " --checkpoint.dir file:///data/checkpoints (see io.weir.job.JobConfig);"
                    + " put them after --.",
            ""
        },
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:the job was submitted",
            "1:the cluster could not be reached, or refused the jar or the job",
            "2:bad arguments, or no job jar"
        })
final class SubmitCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
            names = "--flink",
            required = true,
            paramLabel = "<rest-url>",
            description = "the cluster's REST endpoint, e.g. http://localhost:8081")
    String flink;

    @Option(
            names = "--jar",
            paramLabel = "<file>",
            description = "the job jar (default: job/target/weir-job.jar of this build)")
    Path jar;

    @Option(
            names = "--entry-class",
            paramLabel = "<class>",
            defaultValue = "io.weir.job.WeirJob",
            description = "the job's main class (default: ${DEFAULT-VALUE})")
    String entryClass;

    @Option(
            names = "--parallelism",
            paramLabel = "<n>",
            defaultValue = "0",
            description = "the job's parallelism (default: the cluster's)")
    int parallelism;

    @Option(
            names = "--from-savepoint",
            paramLabel = "<path>",
            description =
                    "start from this savepoint or retained checkpoint (its directory or _metadata"
                            + " file, as the cluster sees it), as flink run --fromSavepoint")
    String fromSavepoint;

    @Option(
            names = "--allow-non-restored-state",
            description =
                    "with --from-savepoint: let the job start when the savepoint holds state that"
                            + " no operator of the job takes")
    boolean allowNonRestoredState;

    @Parameters(paramLabel = "JOB ARGS", description = "the job's arguments")
    List<String> jobArgs = new ArrayList<>();

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
        Path file = jar;
        if (file == null) {
            WeirHome home = WeirHome.find();
            file = home.jobJar().orElse(null);
            if (file == null) {
                err.println(
                        "weir submit: no job jar at "
                                + home.root().resolve("job/target/weir-job.jar")
                                + ": "
                                + home.buildHint()
                                + ", or give --jar");
                return ExitCodes.USAGE;
            }
        } else if (!Files.isRegularFile(file)) {
            err.println(file + ": no such file");
            return ExitCodes.USAGE;
        }
        if (allowNonRestoredState && fromSavepoint == null) {
            err.println("weir submit: --allow-non-restored-state needs --from-savepoint");
            return ExitCodes.USAGE;
        }
        URI uri;
        try {
            uri = URI.create(flink);
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new IllegalArgumentException("expected http://host:port");
            }
        } catch (IllegalArgumentException e) {
            err.println("weir submit: invalid --flink \"" + flink + "\": " + e.getMessage());
            return ExitCodes.USAGE;
        }
        FlinkRestClient client = new FlinkRestClient(uri, java.time.Duration.ofMinutes(2));
        try {
            String id = client.upload(file);
            String job =
                    client.run(
                            id,
                            entryClass,
                            parallelism,
                            jobArgs,
                            fromSavepoint,
                            allowNonRestoredState);
            out.println(job);
            return ExitCodes.OK;
        } catch (ApiException e) {
            err.println("weir submit: " + e.getMessage());
            return ExitCodes.EVAL_FAILED;
        } catch (IOException e) {
            err.println("weir submit: " + e.getMessage());
            return ExitCodes.EVAL_FAILED;
        }
    }
}
