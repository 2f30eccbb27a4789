package io.weir.server.http;

import io.weir.promql.PromqlException;
import io.weir.promql.ast.Expr;
import io.weir.promql.eval.Engine;
import io.weir.promql.eval.EngineOptions;
import io.weir.promql.eval.Evaluation;
import io.weir.promql.eval.QueryValue;
import io.weir.promql.parser.PromqlParser;
import io.weir.server.api.BadParameterException;
import io.weir.server.api.PrometheusJson;
import io.weir.server.api.QueryParams;
import io.weir.server.views.ViewMatcher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * {@code /api/v1/query} and {@code /api/v1/query_range}: parameters read and checked in
 * Prometheus's order with its messages, then the query waits for one of {@link
 * ApiOptions#maxConcurrentQueries()} slots and is evaluated, all within its timeout.
 */
final class QueryEndpoints implements AutoCloseable {
    private final Answering answering;
    private final EngineOptions engineOptions;
    private final Engine engine;
    private final Semaphore slots;
    private final ServerMetrics metrics;
    private final long maxSeries;

    QueryEndpoints(Answering answering, ApiOptions options, ServerMetrics metrics) {
        this.answering = answering;
        this.engineOptions = options.engine();
        this.engine = new Engine(options.engine());
        this.slots = new Semaphore(options.maxConcurrentQueries(), true);
        this.metrics = metrics;
        this.maxSeries = options.maxSeries();
    }

    String instant(FormParams p) throws ApiError {
        int limit = ResultLimit.parse(p);
        String timeText = p.first("time");
        long time;
        Duration timeout;
        try {
            time =
                    timeText.isEmpty()
                            ? System.currentTimeMillis()
                            : QueryParams.parseTime("time", timeText);
            timeout = requestTimeout(p);
        } catch (BadParameterException e) {
            throw ApiError.badData(e.getMessage());
        }
        long lookback = lookbackDelta(p);
        boolean explain = explain(p);
        String query = p.first("query");
        Expr expr = checkQuery(query);
        ViewMatcher.Plan plan = answering.planInstant(expr, time, lookback);
        Answering.Answer a =
                run("instant", timeout, lookback, e -> answering.instant(e, query, plan, time));
        return success(a, limit, explain ? Answering.explain(a, false) : null);
    }

    String range(FormParams p) throws ApiError {
        int limit = ResultLimit.parse(p);
        long start;
        long end;
        long step;
        Duration timeout;
        try {
            start = QueryParams.parseTime("start", p.first("start"));
            end = QueryParams.parseTime("end", p.first("end"));
            if (end < start) {
                // Prometheus checks the bounds before it reads the step.
                QueryParams.checkRange(start, end, 1);
            }
            step = QueryParams.parseDuration("step", p.first("step"));
            QueryParams.checkRange(start, end, step);
            timeout = requestTimeout(p);
        } catch (BadParameterException e) {
            throw ApiError.badData(e.getMessage());
        }
        long lookback = lookbackDelta(p);
        boolean explain = explain(p);
        String query = p.first("query");
        Expr expr = checkQuery(query);
        ViewMatcher.Plan plan = answering.planRange(expr, start, end, step, lookback);
        Answering.Answer a =
                run(
                        "range",
                        timeout,
                        lookback,
                        e -> answering.range(e, query, plan, start, end, step, lookback));
        return success(a, limit, explain ? Answering.explain(a, true) : null);
    }

    /** Prometheus reads booleans as Go's {@code strconv.ParseBool}. */
    private static boolean explain(FormParams p) throws ApiError {
        String v = p.first("explain");
        return switch (v) {
            case "", "0", "f", "F", "false", "FALSE", "False" -> false;
            case "1", "t", "T", "true", "TRUE", "True" -> true;
            default ->
                    throw ApiError.invalidParam(
                            "explain", "strconv.ParseBool: parsing \"" + v + "\": invalid syntax");
        };
    }

    private String success(Answering.Answer a, int limit, String explain) throws ApiError {
        Evaluation result = a.evaluation();
        checkSeries(result.value());
        QueryValue value = ResultLimit.truncate(result.value(), limit);
        List<String> warnings = result.warnings();
        if (value != result.value()) {
            warnings = new ArrayList<>(warnings);
            warnings.add(ResultLimit.TRUNCATED);
        }
        return PrometheusJson.querySuccess(value, warnings, result.infos(), explain);
    }

    /** {@code --max-series}: a result with more series fails, as the samples limit does. */
    private void checkSeries(QueryValue value) throws ApiError {
        long n = 0;
        if (value instanceof QueryValue.Vector v) {
            n = v.samples().size();
        } else if (value instanceof QueryValue.Matrix m) {
            n = m.series().size();
        }
        if (maxSeries > 0 && n > maxSeries) {
            throw new ApiError(ApiError.Type.EXECUTION, SeriesLimit.message(maxSeries));
        }
    }

    /** The request's {@code timeout}, or null when it has none. */
    private static Duration requestTimeout(FormParams p) throws BadParameterException {
        String text = p.first("timeout");
        return text.isEmpty()
                ? null
                : Duration.ofMillis(QueryParams.parseDuration("timeout", text));
    }

    /** The request's {@code lookback_delta}, or 0 to use the server's. */
    private static long lookbackDelta(FormParams p) throws ApiError {
        String text = p.first("lookback_delta");
        if (text.isEmpty()) {
            return 0;
        }
        try {
            return QueryParams.parseDuration("lookback_delta", text);
        } catch (BadParameterException e) {
            throw ApiError.badData("error parsing lookback delta duration: " + e.reason());
        }
    }

    /** A query that does not parse is bad data before it ever waits for a slot. */
    private static Expr checkQuery(String query) throws ApiError {
        try {
            return PromqlParser.parse(query);
        } catch (PromqlException e) {
            throw ApiError.invalidParam("query", e.getMessage());
        }
    }

    private <T> T run(String type, Duration requested, long lookback, Function<Engine, T> query)
            throws ApiError {
        long started = System.nanoTime();
        Duration timeout = engineOptions.timeout();
        if (requested != null && requested.compareTo(timeout) < 0) {
            timeout = requested;
        }
        long deadline = started + timeout.toNanos();
        boolean waited = false;
        if (!slots.tryAcquire()) {
            waited = true;
            metrics.queriesQueued.incrementAndGet();
            boolean acquired;
            try {
                acquired = slots.tryAcquire(Math.max(0, timeout.toNanos()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ApiError(ApiError.Type.TIMEOUT, "query timed out in query queue");
            } finally {
                metrics.queriesQueued.decrementAndGet();
            }
            if (!acquired) {
                throw new ApiError(ApiError.Type.TIMEOUT, "query timed out in query queue");
            }
        }
        metrics.queriesRunning.incrementAndGet();
        try {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                throw new ApiError(ApiError.Type.TIMEOUT, "query timed out in query queue");
            }
            if (!waited && requested == null && lookback <= 0) {
                return evaluate(engine, query);
            }
            // The time left after the queue, or a shorter request timeout, bounds the evaluation,
            // and the request may set its own lookback: an engine's options are fixed, so this
            // query gets its own engine (its threads start lazily).
            try (Engine own = new Engine(options(Duration.ofNanos(remaining), lookback))) {
                return evaluate(own, query);
            }
        } finally {
            metrics.queriesRunning.decrementAndGet();
            slots.release();
            metrics.queryDuration(type, System.nanoTime() - started);
        }
    }

    private EngineOptions options(Duration timeout, long lookback) {
        return new EngineOptions(
                lookback > 0 ? lookback : engineOptions.lookbackMillis(),
                engineOptions.defaultSubqueryStepMillis(),
                engineOptions.maxSamples(),
                timeout,
                engineOptions.parallelism());
    }

    private static <T> T evaluate(Engine engine, Function<Engine, T> query) throws ApiError {
        try {
            return query.apply(engine);
        } catch (PromqlException e) {
            throw switch (e.code()) {
                // Prometheus rejects these when it creates the query, before running it.
                case PARSE, TYPE, UNSUPPORTED -> ApiError.invalidParam("query", e.getMessage());
                case EXECUTION, LIMIT -> new ApiError(ApiError.Type.EXECUTION, e.getMessage());
                case TIMEOUT -> new ApiError(ApiError.Type.TIMEOUT, e.getMessage());
            };
        } catch (UnsupportedOperationException e) {
            throw new ApiError(ApiError.Type.EXECUTION, e.getMessage());
        }
    }

    @Override
    public void close() {
        engine.close();
    }
}
