package io.weir.server.http;

import com.sun.net.httpserver.HttpHandler;
import io.weir.promql.eval.EngineOptions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How the API server listens and what it allows a query.
 *
 * @param listen the address to bind; port 0 picks a free port
 * @param maxConcurrentQueries queries evaluated at once; more wait in a queue for up to their
 *     timeout (Prometheus's {@code --query.max-concurrency}, 20 by default)
 * @param engine the evaluator's settings: its timeout is the longest a query may take, queue
 *     included, and a request's {@code timeout} parameter can only shorten it; its {@code
 *     maxSamples} is Prometheus's {@code --query.max-samples}
 * @param maxSeries the most series a query result or a {@code /api/v1/series} answer may hold
 *     ({@code --max-series}); 0 for no limit
 * @param bearerToken the token that requests which write (views, rules, import) must carry as
 *     {@code Authorization: Bearer <token>}, or null when they need none
 * @param resultsCacheBytes the bound of the range-query results cache ({@code
 *     --results-cache-bytes}); 0 turns it off
 * @param cacheMinAge steps of raw-sample queries younger than this are never cached ({@code
 *     --cache-min-age}): samples may still arrive for them
 * @param webHandler serves {@code /} and {@code /ui/...} (the web page), or null for Weir's own
 *     page
 */
public record ApiOptions(
        InetSocketAddress listen,
        int maxConcurrentQueries,
        EngineOptions engine,
        long maxSeries,
        String bearerToken,
        long resultsCacheBytes,
        Duration cacheMinAge,
        HttpHandler webHandler) {
    /** The results cache's default bound: 256 MiB. */
    public static final long DEFAULT_RESULTS_CACHE_BYTES = 256L << 20;

    /** The default of {@link #cacheMinAge()}: 10 minutes. */
    public static final Duration DEFAULT_CACHE_MIN_AGE = Duration.ofMinutes(10);

    public ApiOptions {
        if (maxConcurrentQueries < 1) {
            throw new IllegalArgumentException("maxConcurrentQueries must be at least 1");
        }
        if (maxSeries < 0 || resultsCacheBytes < 0 || cacheMinAge.isNegative()) {
            throw new IllegalArgumentException(
                    "maxSeries, resultsCacheBytes and cacheMinAge must not be negative");
        }
        if (bearerToken != null && bearerToken.isEmpty()) {
            throw new IllegalArgumentException("the bearer token must not be empty");
        }
    }

    /** The listen address, concurrency and engine; every other setting at its default. */
    public ApiOptions(InetSocketAddress listen, int maxConcurrentQueries, EngineOptions engine) {
        this(
                listen,
                maxConcurrentQueries,
                engine,
                0,
                null,
                DEFAULT_RESULTS_CACHE_BYTES,
                DEFAULT_CACHE_MIN_AGE,
                null);
    }

    /** Loopback on {@code port}, Prometheus's defaults otherwise. */
    public static ApiOptions loopback(int port) {
        return new ApiOptions(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), port),
                20,
                EngineOptions.defaults());
    }

    public ApiOptions withMaxConcurrentQueries(int n) {
        return new ApiOptions(
                listen,
                n,
                engine,
                maxSeries,
                bearerToken,
                resultsCacheBytes,
                cacheMinAge,
                webHandler);
    }

    public ApiOptions withEngine(EngineOptions e) {
        return new ApiOptions(
                listen,
                maxConcurrentQueries,
                e,
                maxSeries,
                bearerToken,
                resultsCacheBytes,
                cacheMinAge,
                webHandler);
    }

    public ApiOptions withMaxSeries(long n) {
        return new ApiOptions(
                listen,
                maxConcurrentQueries,
                engine,
                n,
                bearerToken,
                resultsCacheBytes,
                cacheMinAge,
                webHandler);
    }

    public ApiOptions withBearerToken(String token) {
        return new ApiOptions(
                listen,
                maxConcurrentQueries,
                engine,
                maxSeries,
                token,
                resultsCacheBytes,
                cacheMinAge,
                webHandler);
    }

    /**
     * The token read from a file ({@code --bearer-token-file}), without surrounding blanks and line
     * ends, as Prometheus reads its token files.
     */
    public ApiOptions withBearerTokenFile(Path file) throws IOException {
        String token = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (token.isEmpty()) {
            throw new IOException(file + ": the bearer token file is empty");
        }
        return withBearerToken(token);
    }

    public ApiOptions withResultsCacheBytes(long bytes) {
        return new ApiOptions(
                listen,
                maxConcurrentQueries,
                engine,
                maxSeries,
                bearerToken,
                bytes,
                cacheMinAge,
                webHandler);
    }

    public ApiOptions withCacheMinAge(Duration age) {
        return new ApiOptions(
                listen,
                maxConcurrentQueries,
                engine,
                maxSeries,
                bearerToken,
                resultsCacheBytes,
                age,
                webHandler);
    }

    /** Serves the web page: {@code /} and every path under {@code /ui/} go to {@code handler}. */
    public ApiOptions withWebHandler(HttpHandler handler) {
        return new ApiOptions(
                listen,
                maxConcurrentQueries,
                engine,
                maxSeries,
                bearerToken,
                resultsCacheBytes,
                cacheMinAge,
                handler);
    }
}
