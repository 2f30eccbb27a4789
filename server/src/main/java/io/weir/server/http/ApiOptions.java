package io.weir.server.http;

import io.weir.promql.eval.EngineOptions;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * How the API server listens and what it allows a query.
 *
 * @param listen the address to bind; port 0 picks a free port
 * @param maxConcurrentQueries queries evaluated at once; more wait in a queue for up to their
 *     timeout (Prometheus's {@code --query.max-concurrency}, 20 by default)
 * @param engine the evaluator's settings: its timeout is the longest a query may take, queue
 *     included, and a request's {@code timeout} parameter can only shorten it; its {@code
 *     maxSamples} is Prometheus's {@code --query.max-samples}
 */
public record ApiOptions(InetSocketAddress listen, int maxConcurrentQueries, EngineOptions engine) {
    public ApiOptions {
        if (maxConcurrentQueries < 1) {
            throw new IllegalArgumentException("maxConcurrentQueries must be at least 1");
        }
    }

    /** Loopback on {@code port}, Prometheus's defaults otherwise. */
    public static ApiOptions loopback(int port) {
        return new ApiOptions(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), port),
                20,
                EngineOptions.defaults());
    }

    public ApiOptions withMaxConcurrentQueries(int n) {
        return new ApiOptions(listen, n, engine);
    }

    public ApiOptions withEngine(EngineOptions e) {
        return new ApiOptions(listen, maxConcurrentQueries, e);
    }
}
