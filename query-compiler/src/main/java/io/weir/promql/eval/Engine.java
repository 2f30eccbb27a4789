package io.weir.promql.eval;

/** The reference evaluator: instant and range queries with Prometheus 3.x semantics. */
public final class Engine implements AutoCloseable {
    private final EngineOptions options;

    public Engine(EngineOptions options) {
        this.options = options;
    }

    public EngineOptions options() {
        return options;
    }

    /**
     * Evaluates {@code query} at one time. The result is a scalar, string, vector, or (for a range
     * vector expression) a matrix.
     */
    public QueryValue instantQuery(SampleStore store, String query, long timeMillis) {
        throw new UnsupportedOperationException("evaluator not built yet");
    }

    /** Evaluates {@code query} at {@code start, start+step, ... <= end}. */
    public QueryValue.Matrix rangeQuery(
            SampleStore store, String query, long startMillis, long endMillis, long stepMillis) {
        throw new UnsupportedOperationException("evaluator not built yet");
    }

    @Override
    public void close() {}
}
