package io.weir.promql.eval;

import io.weir.promql.PromqlException;
import io.weir.promql.analysis.Types;
import io.weir.promql.ast.Expr;
import io.weir.promql.ast.ValueType;
import io.weir.promql.parser.PromqlParser;

/**
 * The reference evaluator: instant and range queries with Prometheus 3.x semantics, over any {@link
 * SampleStore}. Per-series work runs on a bounded fork-join pool of {@link
 * EngineOptions#parallelism()} threads, owned by the engine; close the engine to stop them.
 */
public final class Engine implements AutoCloseable {
    private final EngineOptions options;
    private final Parallel.Pool pool;

    public Engine(EngineOptions options) {
        this.options = options;
        this.pool = new Parallel.Pool(options.parallelism());
    }

    public EngineOptions options() {
        return options;
    }

    /**
     * Evaluates {@code query} at one time. The result is a scalar, string, vector, or (for a range
     * vector expression) a matrix.
     */
    public QueryValue instantQuery(SampleStore store, String query, long timeMillis) {
        return instantQuery(store, PromqlParser.parse(query), timeMillis);
    }

    /** Evaluates a parsed and checked query at one time. */
    public QueryValue instantQuery(SampleStore store, Expr expr, long timeMillis) {
        return instant(store, expr, null, timeMillis).value();
    }

    /** {@link #instantQuery(SampleStore, String, long)} with Prometheus's annotations. */
    public Evaluation evaluateInstant(SampleStore store, String query, long timeMillis) {
        return instant(store, PromqlParser.parse(query), query, timeMillis);
    }

    private Evaluation instant(SampleStore store, Expr expr, String text, long timeMillis) {
        QueryContext ctx = new QueryContext(store, options, pool, timeMillis, timeMillis, 0);
        QueryValue v = Results.instant(ctx, new Evaluator(ctx), expr, timeMillis);
        return new Evaluation(v, ctx.annotations.warnings(text), ctx.annotations.infos(text));
    }

    /** Evaluates {@code query} at {@code start, start+step, ... <= end}. */
    public QueryValue.Matrix rangeQuery(
            SampleStore store, String query, long startMillis, long endMillis, long stepMillis) {
        return rangeQuery(store, PromqlParser.parse(query), startMillis, endMillis, stepMillis);
    }

    /** Evaluates a parsed and checked query at {@code start, start+step, ... <= end}. */
    public QueryValue.Matrix rangeQuery(
            SampleStore store, Expr expr, long startMillis, long endMillis, long stepMillis) {
        return (QueryValue.Matrix)
                range(store, expr, null, startMillis, endMillis, stepMillis).value();
    }

    /** {@link #rangeQuery(SampleStore, String, long, long, long)} with Prometheus's annotations. */
    public Evaluation evaluateRange(
            SampleStore store, String query, long startMillis, long endMillis, long stepMillis) {
        return range(store, PromqlParser.parse(query), query, startMillis, endMillis, stepMillis);
    }

    private Evaluation range(
            SampleStore store,
            Expr expr,
            String text,
            long startMillis,
            long endMillis,
            long stepMillis) {
        ValueType type = Types.typeOf(expr);
        if (type != ValueType.SCALAR && type != ValueType.INSTANT_VECTOR) {
            throw new PromqlException(
                    PromqlException.ErrorCode.TYPE,
                    "invalid expression type \""
                            + type.display()
                            + "\" for range query, must be Scalar or instant Vector");
        }
        if (stepMillis <= 0) {
            throw new PromqlException(
                    PromqlException.ErrorCode.EXECUTION,
                    "zero or negative query resolution step widths are not accepted. Try a"
                            + " positive integer");
        }
        if (endMillis < startMillis) {
            throw new PromqlException(
                    PromqlException.ErrorCode.EXECUTION,
                    "end timestamp must not be before start time");
        }
        QueryContext ctx =
                new QueryContext(store, options, pool, startMillis, endMillis, stepMillis);
        Steps steps = new Steps(startMillis, endMillis, stepMillis);
        QueryValue.Matrix m = Results.range(ctx, new Evaluator(ctx), expr, steps);
        return new Evaluation(m, ctx.annotations.warnings(text), ctx.annotations.infos(text));
    }

    @Override
    public void close() {
        pool.close();
    }
}
