package io.weir.promql.eval;

import java.time.Duration;

/**
 * Evaluator settings.
 *
 * @param lookbackMillis how far back an instant selector looks for a sample (Prometheus: 5m)
 * @param defaultSubqueryStepMillis the step of {@code expr[30m:]} (Prometheus: the global
 *     evaluation interval, 1m by default)
 * @param maxSamples the most samples a query may hold in memory at once
 * @param timeout how long a query may run
 * @param parallelism threads for per-series work
 */
public record EngineOptions(
        long lookbackMillis,
        long defaultSubqueryStepMillis,
        long maxSamples,
        Duration timeout,
        int parallelism) {

    public static EngineOptions defaults() {
        return new EngineOptions(
                300_000L,
                60_000L,
                50_000_000L,
                Duration.ofMinutes(2),
                Math.max(1, Runtime.getRuntime().availableProcessors()));
    }
}
