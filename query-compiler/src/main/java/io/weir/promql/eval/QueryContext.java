package io.weir.promql.eval;

import io.weir.promql.PromqlException;
import io.weir.promql.PromqlException.ErrorCode;
import io.weir.promql.ast.AtModifier;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What every operator of one query shares: the store, the options, the thread pool, the limits and
 * the query's own start and end (which {@code @ start()} and {@code @ end()} refer to).
 */
final class QueryContext {
    /** Prometheus names the phase in its limit errors. */
    static final String ENV = "query execution";

    final SampleStore store;
    final EngineOptions options;
    final Parallel parallel;
    final long queryStart;
    final long queryEnd;

    /** The range query's step; 0 for an instant query, as Prometheus's step() reports. */
    final long queryStep;

    final Annotations annotations = new Annotations();

    private final long deadlineNanos;
    private final AtomicLong samples = new AtomicLong();

    QueryContext(
            SampleStore store,
            EngineOptions options,
            Parallel.Pool pool,
            long queryStart,
            long queryEnd,
            long queryStep) {
        this.store = store;
        this.options = options;
        this.queryStart = queryStart;
        this.queryEnd = queryEnd;
        this.queryStep = queryStep;
        long timeout = options.timeout().toNanos();
        this.deadlineNanos = System.nanoTime() + (timeout <= 0 ? Long.MAX_VALUE / 2 : timeout);
        this.parallel = new Parallel(pool, this);
    }

    /** Throws Prometheus's timeout error once the query has run out of time. */
    void checkTimeout() {
        if (System.nanoTime() - deadlineNanos > 0) {
            throw new PromqlException(ErrorCode.TIMEOUT, "query timed out in " + ENV);
        }
    }

    /** Accounts for samples held in memory; throws Prometheus's error past the limit. */
    void addSamples(long n) {
        if (samples.addAndGet(n) > options.maxSamples()) {
            throw tooManySamples();
        }
    }

    void releaseSamples(long n) {
        samples.addAndGet(-n);
    }

    static PromqlException tooManySamples() {
        return new PromqlException(
                ErrorCode.LIMIT,
                "query processing would load too many samples into memory in " + ENV);
    }

    /** The time an {@code @} modifier pins evaluation to, or null. */
    Long atTime(AtModifier at) {
        if (at == null) {
            return null;
        }
        if (at instanceof AtModifier.Timestamp ts) {
            return ts.millis();
        }
        if (at instanceof AtModifier.Start) {
            return queryStart;
        }
        if (at instanceof AtModifier.End) {
            return queryEnd;
        }
        throw new IllegalStateException("unknown @ modifier " + at);
    }

    static PromqlException error(String message) {
        return new PromqlException(ErrorCode.EXECUTION, message);
    }
}
