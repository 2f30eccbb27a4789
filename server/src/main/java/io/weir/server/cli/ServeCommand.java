package io.weir.server.cli;

import io.weir.connectors.text.ExpositionException;
import io.weir.connectors.text.ExpositionFormat;
import io.weir.connectors.text.ExpositionParser;
import io.weir.promql.eval.EngineOptions;
import io.weir.promql.eval.MemorySampleStore;
import io.weir.promql.eval.SampleStore;
import io.weir.server.api.BadParameterException;
import io.weir.server.api.QueryParams;
import io.weir.server.http.ApiOptions;
import io.weir.server.http.ApiServer;
import io.weir.server.ingest.ServerRuntime;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code weir serve}: serves Prometheus's query API until interrupted, so that promtool, Grafana or
 * curl can query Weir as they would query Prometheus. With {@code --kafka}, the server consumes the
 * metrics, results and queries topics into its RocksDB stores under {@code --data-dir} ({@link
 * ServerRuntime}); with {@code --data FILE}, it serves a Prometheus text or OpenMetrics file loaded
 * into memory.
 */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Serve Prometheus's HTTP query API over the samples and views consumed from Kafka"
                    + " (--kafka), or over samples in a file (--data).",
            "",
            "Endpoints: /api/v1/query, /api/v1/query_range, /api/v1/series, /api/v1/labels,"
                    + " /api/v1/label/<name>/values, /api/v1/status/buildinfo, /api/v1/metadata,"
                    + " /metrics. Ctrl-C stops.",
            ""
        })
final class ServeCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
            names = "--data",
            paramLabel = "<file>",
            description = "samples to serve, Prometheus text or OpenMetrics (default: none)")
    Path data;

    @Option(
            names = "--kafka",
            paramLabel = "<bootstrap servers>",
            description = "consume the metrics, results and queries topics from this Kafka cluster")
    String kafka;

    @Option(
            names = "--data-dir",
            paramLabel = "<dir>",
            description = "where the RocksDB stores live (default: ./weir-data with --kafka)")
    Path dataDir;

    @Option(
            names = "--metrics-topic",
            paramLabel = "<topic>",
            defaultValue = "weir.metrics",
            description = "raw samples, binary batches (default: ${DEFAULT-VALUE})")
    String metricsTopic;

    @Option(
            names = "--results-topic",
            paramLabel = "<topic>",
            defaultValue = "weir.results",
            description = "the views' results (default: ${DEFAULT-VALUE})")
    String resultsTopic;

    @Option(
            names = "--queries-topic",
            paramLabel = "<topic>",
            defaultValue = "weir.queries",
            description = "the views' registrations (default: ${DEFAULT-VALUE})")
    String queriesTopic;

    @Option(
            names = "--retention",
            paramLabel = "<duration>",
            defaultValue = "15d",
            description = "how long raw samples are kept, 0 for ever (default: ${DEFAULT-VALUE})")
    String retention;

    @Option(
            names = "--listen",
            paramLabel = "<host:port>",
            defaultValue = "127.0.0.1:9090",
            description = "address to bind; port 0 picks a free one (default: ${DEFAULT-VALUE})")
    String listen;

    @Option(
            names = "--max-concurrent-queries",
            paramLabel = "<n>",
            defaultValue = "20",
            description = "queries evaluated at once; more wait (default: ${DEFAULT-VALUE})")
    int maxConcurrentQueries;

    @Option(
            names = "--query-timeout",
            paramLabel = "<duration>",
            defaultValue = "2m",
            description = "longest a query may take, queue included (default: ${DEFAULT-VALUE})")
    String queryTimeout;

    @Option(
            names = "--max-samples",
            paramLabel = "<n>",
            defaultValue = "50000000",
            description = "most samples a query may hold in memory (default: ${DEFAULT-VALUE})")
    long maxSamples;

    @Option(
            names = "--max-series",
            paramLabel = "<n>",
            defaultValue = "0",
            description =
                    "most series a query result or a series answer may hold, 0 for no limit"
                            + " (default: ${DEFAULT-VALUE})")
    long maxSeries;

    @Option(
            names = "--bearer-token-file",
            paramLabel = "<file>",
            description =
                    "requests that write (views, rules, import) must carry this file's token as"
                            + " Authorization: Bearer <token> (default: none)")
    Path bearerTokenFile;

    @Option(
            names = "--results-cache-bytes",
            paramLabel = "<n>",
            defaultValue = "268435456",
            description =
                    "bound of the range-query results cache, 0 turns it off (default: 256 MiB)")
    long resultsCacheBytes;

    @Option(
            names = "--cache-min-age",
            paramLabel = "<duration>",
            defaultValue = "10m",
            description =
                    "raw-sample query steps younger than this are never cached (default:"
                            + " ${DEFAULT-VALUE})")
    String cacheMinAge;

    @Option(
            names = "--default-time",
            paramLabel = "<t>",
            description = "time of samples written without a timestamp (default: none, an error)")
    String defaultTime;

    @Option(
            names = {"-q", "--quiet"},
            description = "no progress on standard error")
    boolean quiet;

    /** Counted down to stop serving; the shutdown hook (Ctrl-C) does it. */
    final CountDownLatch stop = new CountDownLatch(1);

    /** Counted down once the server is closed, so that the shutdown hook can wait for it. */
    final CountDownLatch stopped = new CountDownLatch(1);

    /** The running server, once started; for tests. */
    volatile ApiServer server;

    /** The stores and their consumers, with {@code --kafka} or {@code --data-dir}; for tests. */
    volatile ServerRuntime runtime;

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
        InetSocketAddress address;
        EngineOptions engine;
        Long defaultMs;
        long retentionMillis;
        try {
            address = parseListen(listen);
            retentionMillis = QueryParams.parseDuration("retention", retention);
            if (retentionMillis < 0) {
                err.println("weir serve: --retention must not be negative");
                return ExitCodes.USAGE;
            }
            long timeout = QueryParams.parseDuration("query_timeout", queryTimeout);
            if (timeout <= 0 || maxSamples <= 0 || maxConcurrentQueries <= 0) {
                err.println(
                        "weir serve: --query-timeout, --max-samples and --max-concurrent-queries"
                                + " must be positive");
                return ExitCodes.USAGE;
            }
            EngineOptions d = EngineOptions.defaults();
            engine =
                    new EngineOptions(
                            d.lookbackMillis(),
                            d.defaultSubqueryStepMillis(),
                            maxSamples,
                            Duration.ofMillis(timeout),
                            d.parallelism());
            defaultMs =
                    defaultTime == null ? null : QueryParams.parseTime("default_time", defaultTime);
        } catch (BadParameterException e) {
            err.println("weir serve: " + e.getMessage());
            return ExitCodes.USAGE;
        } catch (IllegalArgumentException e) {
            err.println("weir serve: invalid --listen: " + e.getMessage());
            return ExitCodes.USAGE;
        }

        if (data != null && (kafka != null || dataDir != null)) {
            err.println("weir serve: --data cannot be combined with --kafka or --data-dir");
            return ExitCodes.USAGE;
        }
        ApiOptions options;
        try {
            long minAge = QueryParams.parseDuration("cache_min_age", cacheMinAge);
            if (maxSeries < 0 || resultsCacheBytes < 0 || minAge < 0) {
                err.println(
                        "weir serve: --max-series, --results-cache-bytes and --cache-min-age must"
                                + " not be negative");
                return ExitCodes.USAGE;
            }
            options =
                    new ApiOptions(address, maxConcurrentQueries, engine)
                            .withMaxSeries(maxSeries)
                            .withResultsCacheBytes(resultsCacheBytes)
                            .withCacheMinAge(Duration.ofMillis(minAge));
            if (bearerTokenFile != null) {
                options = options.withBearerTokenFile(bearerTokenFile);
            }
        } catch (BadParameterException e) {
            err.println("weir serve: " + e.getMessage());
            return ExitCodes.USAGE;
        } catch (IOException e) {
            err.println("weir serve: cannot read the bearer token: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        if (kafka != null || dataDir != null) {
            return serveStores(options, retentionMillis, out, err);
        }
        if (data != null && !Files.exists(data)) {
            err.println(data + ": no such file");
            return ExitCodes.USAGE;
        }
        SampleStore store;
        try {
            store = data == null ? new MemorySampleStore() : load(err, defaultMs);
        } catch (NoSuchFileException e) {
            err.println(data + ": no such file");
            return ExitCodes.USAGE;
        } catch (IOException e) {
            err.println(data + ": cannot read: " + e.getMessage());
            return ExitCodes.USAGE;
        } catch (ExpositionException e) {
            err.println(e.getMessage());
            return ExitCodes.USAGE;
        }

        try {
            return serve(store, options, out);
        } catch (IOException e) {
            err.println("weir serve: cannot listen on " + listen + ": " + e.getMessage());
            return ExitCodes.USAGE;
        } finally {
            stopped.countDown();
        }
    }

    private int serveStores(
            ApiOptions options, long retentionMillis, PrintWriter out, PrintWriter err) {
        Path dir = dataDir != null ? dataDir : Path.of("weir-data");
        ServerRuntime rt;
        try {
            rt =
                    ServerRuntime.start(
                            new ServerRuntime.Config(
                                    dir,
                                    kafka,
                                    metricsTopic,
                                    resultsTopic,
                                    queriesTopic,
                                    retentionMillis));
        } catch (IOException e) {
            err.println("weir serve: " + e.getMessage());
            stopped.countDown();
            return ExitCodes.USAGE;
        }
        runtime = rt;
        try {
            if (kafka != null && !quiet) {
                err.println("weir: consuming " + kafka + " into " + dir);
                err.flush();
            }
            return serve(
                    () -> {
                        ApiServer s = ApiServer.start(rt.apiBackends(), options);
                        s.addMetrics(rt.metrics()::exposition);
                        return s;
                    },
                    out);
        } catch (IOException e) {
            err.println("weir serve: cannot listen on " + listen + ": " + e.getMessage());
            return ExitCodes.USAGE;
        } finally {
            try {
                rt.close();
            } catch (IOException e) {
                err.println("weir serve: cannot close the stores: " + e.getMessage());
            }
            stopped.countDown();
        }
    }

    /** Starts the API server; it binds its address. */
    @FunctionalInterface
    private interface Starter {
        ApiServer start() throws IOException;
    }

    private int serve(SampleStore store, ApiOptions options, PrintWriter out) throws IOException {
        // The server owns the in-memory views it makes around the file's samples.
        return serve(() -> ApiServer.start(store, options), out);
    }

    private int serve(Starter starter, PrintWriter out) throws IOException {
        try (ApiServer s = starter.start()) {
            server = s;
            // On Ctrl-C the JVM exits once its hooks end: this one waits for the server to close.
            Thread hook = new Thread(this::stopAndWait, "weir-serve-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            out.println("weir: serving Prometheus's query API at " + s.url());
            out.flush();
            try {
                stop.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down: the hook has run
            }
            return ExitCodes.OK;
        }
    }

    private void stopAndWait() {
        stop.countDown();
        try {
            stopped.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private SampleStore load(PrintWriter err, Long defaultMs) throws IOException {
        if (Files.isDirectory(data)) {
            throw new IOException("is a directory");
        }
        ExpositionParser parser =
                new ExpositionParser(ExpositionFormat.detect(data), data.toString());
        if (defaultMs != null) {
            parser = parser.withDefaultTimestamp(defaultMs);
        }
        try (InputStream in = Files.newInputStream(data)) {
            SampleLoader.Loaded loaded =
                    SampleLoader.load(
                            in, Files.size(data), parser, quiet ? null : err, data.toString());
            if (!quiet) {
                err.printf(
                        java.util.Locale.ROOT,
                        "weir: loaded %,d samples from %s%n",
                        loaded.samples(),
                        data);
                err.flush();
            }
            return loaded.store();
        }
    }

    /** {@code host:port}, {@code [v6]:port}, or {@code :port} for every interface, as Go's. */
    static InetSocketAddress parseListen(String s) {
        int colon = s.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("missing port in \"" + s + "\"");
        }
        String host = s.substring(0, colon);
        int port;
        try {
            port = Integer.parseInt(s.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad port in \"" + s + "\"", e);
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("bad port in \"" + s + "\"");
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return host.isEmpty() ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
    }
}
