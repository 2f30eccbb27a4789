package io.weir.promql.eval.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weir.promql.ast.AggregateOp;
import org.junit.jupiter.api.Test;

class AccumulatorsTest {
    private static final double INF = Double.POSITIVE_INFINITY;
    private static final double NAN = Double.NaN;
    private static final double BIG = Double.parseDouble("9.988465674311579e+307");

    static Double aggregateWith(AggregateOp op, double param, double... values) {
        Accumulator acc = Accumulators.create(op, param);
        for (double v : values) {
            acc.add(v);
        }
        return acc.result();
    }

    static Double aggregate(AggregateOp op, double... values) {
        return aggregateWith(op, 0, values);
    }

    @Test
    void stddevAndStdvar() {
        double[] all = {100, 200, 300, 400, 500, 600, 700, 800};
        Approx.close(229.12878474779, aggregate(AggregateOp.STDDEV, all));
        Approx.close(52500, aggregate(AggregateOp.STDVAR, all));
        Approx.close(50000, aggregate(AggregateOp.STDVAR, 100, 300, 500, 700));
        Approx.close(223.60679774998, aggregate(AggregateOp.STDDEV, 200, 400, 600, 800));
        double v = 13.3;
        Approx.exact(0, aggregate(AggregateOp.STDDEV, v, v, v));
        Approx.exact(0, aggregate(AggregateOp.STDVAR, 5));
        Approx.exact(NAN, aggregate(AggregateOp.STDVAR, INF));
        Approx.exact(NAN, aggregate(AggregateOp.STDVAR, 1, 2, INF));
        Approx.exact(NAN, aggregate(AggregateOp.STDDEV, 1, NAN, 3));
    }

    @Test
    void avgWithSpecialValues() {
        Approx.close(10, aggregate(AggregateOp.AVG, 8, 10, 12));
        Approx.exact(INF, aggregate(AggregateOp.AVG, 0, INF, INF, 0));
        Approx.exact(-INF, aggregate(AggregateOp.AVG, -INF, -INF, 0));
        Approx.exact(INF, aggregate(AggregateOp.AVG, INF, 0, INF));
        Approx.exact(NAN, aggregate(AggregateOp.AVG, INF, INF, INF, -INF));
        Approx.exact(NAN, aggregate(AggregateOp.AVG, -INF, 0, INF));
        Approx.exact(BIG, aggregate(AggregateOp.AVG, BIG, BIG, BIG, BIG));
        Approx.exact(-BIG, aggregate(AggregateOp.AVG, -BIG, -BIG, -BIG, -BIG));
        Approx.close(0, aggregate(AggregateOp.AVG, -BIG, -BIG, BIG, BIG));
        Approx.exact(NAN, aggregate(AggregateOp.AVG, 1, NAN, 2));
        Approx.exact(2.5, aggregate(AggregateOp.AVG, 2, 8, 1e100, -1e100));
    }

    @Test
    void sumWithSpecialValues() {
        Approx.exact(10, aggregate(AggregateOp.SUM, 2, 8, 1e100, -1e100));
        Approx.exact(INF, aggregate(AggregateOp.SUM, INF, 2));
        Approx.exact(INF, aggregate(AggregateOp.SUM, 2, INF));
        Approx.exact(-INF, aggregate(AggregateOp.SUM, 2, -INF));
        Approx.exact(NAN, aggregate(AggregateOp.SUM, INF, -INF));
        Approx.exact(NAN, aggregate(AggregateOp.SUM, NAN, 2));
        Approx.exact(INF, aggregate(AggregateOp.SUM, BIG, BIG));
        // Prometheus adds the (zero) compensation at the end, so -0 sums to +0.
        Approx.exact(0, aggregate(AggregateOp.SUM, -0.0));
    }

    @Test
    void minMaxIgnoreNaNUnlessAllAreNaN() {
        Approx.exact(1, aggregate(AggregateOp.MIN, 1, 2, NAN, 3));
        Approx.exact(3, aggregate(AggregateOp.MAX, 1, 2, NAN, 3));
        Approx.exact(1, aggregate(AggregateOp.MIN, NAN, 1));
        Approx.exact(3, aggregate(AggregateOp.MAX, NAN, 3));
        Approx.exact(NAN, aggregate(AggregateOp.MAX, NAN, NAN));
        Approx.exact(-INF, aggregate(AggregateOp.MIN, 0, -INF));
        // The first of equal zeros stays.
        Approx.exact(0, aggregate(AggregateOp.MIN, 0, -0.0));
        Approx.exact(-0.0, aggregate(AggregateOp.MAX, -0.0, 0));
    }

    @Test
    void countAndGroup() {
        Approx.exact(3, aggregate(AggregateOp.COUNT, 1, NAN, 3));
        Approx.exact(1, aggregate(AggregateOp.GROUP, 1, NAN, 3));
    }

    @Test
    void quantile() {
        Approx.close(0.8, aggregateWith(AggregateOp.QUANTILE, 0.8, 0, 1));
        Approx.close(1.6, aggregateWith(AggregateOp.QUANTILE, 0.8, 0, 1, 2));
        Approx.close(2.8, aggregateWith(AggregateOp.QUANTILE, 0.8, 0, 1, 4));
        // NaN sorts below everything.
        Approx.close(0.6, aggregateWith(AggregateOp.QUANTILE, 0.8, 0, 1, NAN));
        Approx.exact(NAN, aggregateWith(AggregateOp.QUANTILE, 0.2, 0, 1, NAN));
        Approx.exact(NAN, aggregateWith(AggregateOp.QUANTILE, NAN, 0, 1));
        Approx.exact(-INF, aggregateWith(AggregateOp.QUANTILE, -0.5, 0, 1));
        Approx.exact(INF, aggregateWith(AggregateOp.QUANTILE, 1.5, 0, 1));
        Approx.exact(1, aggregateWith(AggregateOp.QUANTILE, 0.5, 1));
    }

    @Test
    void emptinessAndMergingEmpties() {
        for (AggregateOp op : MergePropertiesTest.VALUE_OPS) {
            Accumulator a = Accumulators.create(op, 0.5);
            assertTrue(a.isEmpty(), op.keyword());
            a.merge(Accumulators.create(op, 0.5));
            assertTrue(a.isEmpty(), op.keyword());
            Accumulator b = Accumulators.create(op, 0.5);
            b.add(4);
            a.merge(b);
            assertFalse(a.isEmpty(), op.keyword());
            a.merge(Accumulators.create(op, 0.5));
            Approx.exact(aggregateWith(op, 0.5, 4), a.result());
        }
    }

    @Test
    void mismatchedMergesAndSelectionOperatorsAreRejected() {
        Accumulator sum = Accumulators.create(AggregateOp.SUM, 0);
        assertThrows(
                IllegalArgumentException.class,
                () -> sum.merge(Accumulators.create(AggregateOp.AVG, 0)));
        Accumulator min = Accumulators.create(AggregateOp.MIN, 0);
        assertThrows(
                IllegalArgumentException.class,
                () -> min.merge(Accumulators.create(AggregateOp.MAX, 0)));
        for (AggregateOp op :
                new AggregateOp[] {
                    AggregateOp.TOPK,
                    AggregateOp.BOTTOMK,
                    AggregateOp.COUNT_VALUES,
                    AggregateOp.LIMITK,
                    AggregateOp.LIMIT_RATIO
                }) {
            assertThrows(IllegalArgumentException.class, () -> Accumulators.create(op, 1));
        }
    }

    @Test
    void avgMergeSwitchesToMeansOnOverflow() {
        Accumulator a = Accumulators.create(AggregateOp.AVG, 0);
        a.add(BIG);
        a.add(BIG);
        Accumulator b = Accumulators.create(AggregateOp.AVG, 0);
        b.add(BIG);
        b.add(-BIG / 2);
        a.merge(b);
        Approx.close(aggregate(AggregateOp.AVG, BIG, BIG, BIG, -BIG / 2), a.result(), 1e-12);
        assertEquals(BIG * 0.625, a.result(), BIG * 1e-12);
    }
}
