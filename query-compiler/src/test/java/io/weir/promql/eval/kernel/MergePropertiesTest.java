package io.weir.promql.eval.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weir.promql.ast.AggregateOp;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/** Merging partial accumulators over any split of the input equals one pass. */
class MergePropertiesTest {
    static final AggregateOp[] VALUE_OPS = {
        AggregateOp.SUM,
        AggregateOp.AVG,
        AggregateOp.COUNT,
        AggregateOp.GROUP,
        AggregateOp.MIN,
        AggregateOp.MAX,
        AggregateOp.STDDEV,
        AggregateOp.STDVAR,
        AggregateOp.QUANTILE
    };

    /** Values and the cut points of a split into contiguous parts (some possibly empty). */
    record Split(List<Double> values, List<Integer> cuts, double q) {}

    @Property(tries = 300)
    void mergedNormalDataEqualsOnePass(@ForAll("normalSplits") Split split) {
        check(split, false);
    }

    @Property(tries = 300)
    void mergedSpecialValuesEqualOnePassExactly(@ForAll("specialSplits") Split split) {
        check(split, true);
    }

    private static void check(Split split, boolean special) {
        for (AggregateOp op : VALUE_OPS) {
            Accumulator whole = Accumulators.create(op, split.q());
            for (double v : split.values()) {
                whole.add(v);
            }
            Accumulator merged = Accumulators.create(op, split.q());
            int start = 0;
            List<Integer> bounds = new ArrayList<>(split.cuts());
            bounds.add(split.values().size());
            for (int end : bounds) {
                Accumulator part = Accumulators.create(op, split.q());
                for (int i = start; i < end; i++) {
                    part.add(split.values().get(i));
                }
                merged.merge(part);
                start = Math.max(start, end);
            }
            double expected = whole.result();
            double actual = merged.result();
            String what = op.keyword() + " of " + split;
            if (Double.isNaN(expected) || Double.isInfinite(expected)) {
                assertEquals(expected, actual, what);
                continue;
            }
            if (special) {
                // Special values that cancel out of the result (min, max, count, quantile
                // picking a finite rank) leave a finite result that must still agree.
                assertTrue(!Double.isNaN(actual) && !Double.isInfinite(actual), what);
            }
            double scale = 0;
            for (double v : split.values()) {
                if (!Double.isNaN(v) && !Double.isInfinite(v)) {
                    scale = Math.max(scale, Math.abs(v));
                }
            }
            // Relative 1e-9, with a floor far below the data's magnitude for results that
            // cancel out to nearly zero.
            double floor = 1e-12 * (op == AggregateOp.STDVAR ? scale * scale : scale);
            double tolerance = Math.max(1e-9 * Math.abs(expected), floor);
            assertTrue(
                    Math.abs(expected - actual) <= tolerance || expected == actual,
                    () -> what + ": one pass " + expected + ", merged " + actual);
        }
    }

    @Provide
    Arbitrary<Split> normalSplits() {
        return splits(Arbitraries.doubles().between(-1e6, 1e6));
    }

    @Provide
    Arbitrary<Split> specialSplits() {
        return splits(
                Arbitraries.frequencyOf(
                        Tuple.of(6, Arbitraries.doubles().between(-1e3, 1e3)),
                        Tuple.of(
                                1,
                                Arbitraries.of(
                                        Double.NaN,
                                        Double.POSITIVE_INFINITY,
                                        Double.NEGATIVE_INFINITY))));
    }

    private static Arbitrary<Split> splits(Arbitrary<Double> value) {
        return value.list()
                .ofMinSize(1)
                .ofMaxSize(40)
                .flatMap(
                        values ->
                                Combinators.combine(
                                                Arbitraries.integers()
                                                        .between(0, values.size())
                                                        .list()
                                                        .ofMaxSize(5)
                                                        .map(
                                                                cuts -> {
                                                                    List<Integer> sorted =
                                                                            new ArrayList<>(cuts);
                                                                    sorted.sort(null);
                                                                    return sorted;
                                                                }),
                                                Arbitraries.of(0.0, 0.1, 0.5, 0.9, 1.0))
                                        .as((cuts, q) -> new Split(values, cuts, q)));
    }
}
