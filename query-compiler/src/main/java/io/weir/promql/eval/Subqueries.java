package io.weir.promql.eval;

import io.weir.promql.ast.SubqueryExpr;

/** Subqueries: an inner evaluation on its own step grid, used as a range vector. */
final class Subqueries {
    private Subqueries() {}

    /**
     * The inner grid of {@code sq} for an outer evaluation at {@code outer}. Inner steps are
     * absolute multiples of the subquery step (Prometheus's alignment): the first is the first
     * multiple after {@code outerStart - offset - range}; the last is at most {@code outerEnd -
     * offset}. With {@code @} the outer evaluation is pinned to that time.
     */
    static Steps innerSteps(QueryContext ctx, SubqueryExpr sq, Steps outer) {
        long interval =
                sq.stepMillis() != 0 ? sq.stepMillis() : ctx.options.defaultSubqueryStepMillis();
        Long at = ctx.atTime(sq.at());
        long refStart = at != null ? at : outer.start();
        long refEnd = at != null ? at : outer.lastTime();
        long end = refEnd - sq.offsetMillis();
        long base = refStart - sq.offsetMillis() - sq.rangeMillis();
        // Java's division truncates toward zero, as Go's does; keep that for negative times.
        long start = interval * (base / interval);
        if (start <= base) {
            start += interval;
        }
        return new Steps(start, end, interval);
    }

    /** The subquery as the range-vector argument of a function evaluated at {@code outer}. */
    static RangeSource asRange(QueryContext ctx, Evaluator ev, SubqueryExpr sq, Steps outer) {
        Steps inner = innerSteps(ctx, sq, outer);
        SeriesSet set = ev.vectors(sq.expr(), inner);
        Long at = ctx.atTime(sq.at());
        long offset = sq.offsetMillis();
        return new RangeSource() {
            @Override
            public int size() {
                return set.size();
            }

            @Override
            public RawSeries get(int i) {
                StepSeries s = set.get(i);
                return s == null ? null : RawSeries.fromSteps(s, inner);
            }

            @Override
            public long range() {
                return sq.rangeMillis();
            }

            @Override
            public long windowEnd(int step) {
                return (at != null ? at : outer.time(step)) - offset;
            }
        };
    }
}
