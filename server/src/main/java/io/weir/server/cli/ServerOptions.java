package io.weir.server.cli;

import io.weir.server.client.ApiException;
import io.weir.server.client.WeirClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The options of the commands that talk to a running server: where it is, and the token. */
final class ServerOptions {
    @Option(
            names = "--server",
            paramLabel = "<url>",
            defaultValue = "${env:WEIR_SERVER:-http://127.0.0.1:9090}",
            description = "the Weir server (default: $WEIR_SERVER or http://127.0.0.1:9090)")
    String server;

    @Option(
            names = "--token-file",
            paramLabel = "<file>",
            description = "a file holding the bearer token the server requires for writes")
    Path tokenFile;

    @Option(
            names = "--timeout",
            paramLabel = "<duration>",
            defaultValue = "2m",
            description = "longest a request may take (default: ${DEFAULT-VALUE})")
    String timeout;

    /** A client of the server; IllegalArgumentException on a bad URL or token file. */
    WeirClient client() throws IOException {
        URI uri;
        try {
            uri = URI.create(server);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid --server: " + e.getMessage(), e);
        }
        if (uri.getScheme() == null
                || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                || uri.getHost() == null) {
            throw new IllegalArgumentException(
                    "invalid --server \"" + server + "\": expected http://host:port");
        }
        String token = null;
        if (tokenFile != null) {
            if (!Files.isRegularFile(tokenFile)) {
                throw new IllegalArgumentException(tokenFile + ": no such file");
            }
            token = Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
        }
        return new WeirClient(uri, token, Durations.parse("--timeout", timeout));
    }

    /** Prints the server's error and returns the exit status for it. */
    static int fail(PrintWriter err, ApiException e) {
        err.println(e.getMessage());
        return e.errorType().equals("bad_data") ? ExitCodes.USAGE : ExitCodes.EVAL_FAILED;
    }

    /** Prints why the server could not be reached and returns the exit status for it. */
    static int fail(PrintWriter err, IOException e) {
        err.println("weir: " + e.getMessage());
        return ExitCodes.EVAL_FAILED;
    }

    /** Durations as Prometheus writes them. */
    static final class Durations {
        private Durations() {}

        static Duration parse(String flag, String s) {
            try {
                return Duration.ofMillis(io.weir.server.api.QueryParams.parseDuration(flag, s));
            } catch (io.weir.server.api.BadParameterException e) {
                throw new IllegalArgumentException("invalid " + flag + ": " + e.reason(), e);
            }
        }
    }
}
